#!/usr/bin/env bash
# Browser benchmark (browser §13.4): cold launch -> first observe, and a warm click + observe, for
# agentd through a daemon's WebSocket (dev.agentd.bench.browser.BrowserLatencyBench) and for a
# Playwright peer (bench/browser-peer: playwright-core, pinned, driving the same system Chromium),
# side by side in one run, on the same small local page (dev.agentd.bench.browser.PageServer).
# Results and how to read them: docs/benchmarks.md, section "Browser".
#
#   bench/run-browser.sh [--cold 5] [--warm 20] [--warmups 3] [--rounds 1] [--skip-build] [--keep]
#
# Each round runs agentd, then the peer, with the same sample counts, and prints both JSON lines;
# a table of p50/p90 and the targets follows. Needs: JDK 17, Node 20+ with npm, jq, and Chromium
# (AGENTD_CHROMIUM, else chromium on PATH). npm installs the peer's locked dependencies only; no
# browser is downloaded. Every process the script starts is stopped on exit.
set -euo pipefail

COLD=5
WARM=20
WARMUPS=3
ROUNDS=1
BUILD=true
KEEP=false

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while (($#)); do
  case "$1" in
    --cold) COLD=$2; shift 2 ;;
    --warm) WARM=$2; shift 2 ;;
    --warmups) WARMUPS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --skip-build) BUILD=false; shift ;;
    --keep) KEEP=true; shift ;;
    *) usage ;;
  esac
done

cd "$(dirname "$0")/.."
for tool in java node npm jq; do
  command -v "$tool" >/dev/null || { echo "run-browser: $tool not found" >&2; exit 2; }
done
# The daemon's own discovery rule (browser §4.1), so both sides run the same binary.
CHROMIUM=${AGENTD_CHROMIUM:-}
if [[ -z ${CHROMIUM// } ]]; then
  CHROMIUM=$(command -v chromium chromium-browser google-chrome-stable google-chrome 2>/dev/null | head -1 || true)
fi
[[ -x $CHROMIUM ]] || { echo "run-browser: no Chromium found; install 'chromium' or set AGENTD_CHROMIUM" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agentd-browser-bench.XXXXXX")
STARTED=()

stop_started() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if $KEEP; then echo "run-browser: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap stop_started EXIT
trap 'exit 130' INT TERM

# wait_for_line FILE REGEX TIMEOUT_S PID: print the first line of FILE matching REGEX, failing if
# PID exits first or TIMEOUT_S passes.
wait_for_line() {
  local deadline=$((SECONDS + $3))
  until grep -m1 -E "$2" "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then
      echo "run-browser: process $4 exited before printing /$2/:" >&2
      cat "$1" "${1%.out}.err" >&2 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "run-browser: no /$2/ from process $4 within $3 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

if $BUILD; then
  echo "run-browser: building cli and bench" >&2
  ./mvnw -B -q -DskipTests package -pl cli,bench -am
fi
echo "run-browser: installing the Playwright peer (bench/browser-peer, package-lock.json)" >&2
(cd bench/browser-peer && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
# Copies, so that a rebuild while the benchmark runs cannot change the classes under it.
cp cli/target/agentd.jar "$WORK/agentd.jar"
cp bench/target/agentd-bench.jar "$WORK/agentd-bench.jar"

echo "run-browser: machine: $(nproc --all) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $(java -version 2>&1 | head -1), node $(node --version)" >&2
echo "run-browser: $("$CHROMIUM" --version 2>/dev/null | tail -1) at $CHROMIUM, playwright-core $(jq -r '.packages["node_modules/playwright-core"].version' bench/browser-peer/package-lock.json)" >&2

java -cp "$WORK/agentd-bench.jar" dev.agentd.bench.browser.PageServer >"$WORK/pages.out" 2>"$WORK/pages.err" &
PAGES_PID=$!
STARTED+=("$PAGES_PID")
AGENTD_CHROMIUM=$CHROMIUM java -jar "$WORK/agentd.jar" serve --port 0 --home "$WORK/agentd-home" \
  >"$WORK/agentd.out" 2>"$WORK/agentd.err" &
AGENTD_PID=$!
STARTED+=("$AGENTD_PID")

PAGE="$(wait_for_line "$WORK/pages.out" '^pages listening on ' 60 "$PAGES_PID" | sed 's/^pages listening on //')form.html"
AGENTD_URL=$(wait_for_line "$WORK/agentd.out" '^agentd listening on ' 60 "$AGENTD_PID" | sed 's/^agentd listening on //')
echo "run-browser: agentd (pid $AGENTD_PID) at $AGENTD_URL; page $PAGE" >&2

for round in $(seq "$ROUNDS"); do
  echo "run-browser: round $round, agentd; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java -cp "$WORK/agentd-bench.jar" dev.agentd.bench.browser.BrowserLatencyBench --url "$AGENTD_URL" \
    --token-file "$WORK/agentd-home/auth-token" --page "$PAGE" --cold "$COLD" --warm "$WARM" --warmups "$WARMUPS" \
    | tee "$WORK/result-$round-agentd.json"
  echo "run-browser: round $round, playwright; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  node bench/browser-peer/peer.mjs --chromium "$CHROMIUM" --page "$PAGE" --cold "$COLD" --warm "$WARM" \
    --warmups "$WARMUPS" | tee "$WORK/result-$round-playwright.json"
done

echo
printf 'round\tmetric\tagentd_p50_ms\tagentd_p90_ms\tplaywright_p50_ms\tplaywright_p90_ms\ttarget\n'
for round in $(seq "$ROUNDS"); do
  jq -r -n --slurpfile a "$WORK/result-$round-agentd.json" --slurpfile p "$WORK/result-$round-playwright.json" \
    --arg round "$round" '
    ($a[0]) as $a | ($p[0]) as $p |
    [$round, "cold launch -> first observe", $a.cold.p50_ms, $a.cold.p90_ms, $p.cold.p50_ms, $p.cold.p90_ms,
     (if $a.cold.p50_ms < 1500 then "met" else "MISSED" end)],
    [$round, "warm click + observe", $a.warm.p50_ms, $a.warm.p90_ms, $p.warm.p50_ms, $p.warm.p90_ms,
     (if $a.warm.p50_ms < 150 and $a.warm.p50_ms <= $p.warm.p50_ms then "met" else "MISSED" end)],
    [$round, "warm click (settle_ms 0) + observe", $a.warm_settle_0.p50_ms, $a.warm_settle_0.p90_ms, "-", "-",
     "(informational)"]
    | @tsv'
done
echo "(targets on the medians: cold < 1500 ms; warm < 150 ms and no slower than the Playwright peer)"

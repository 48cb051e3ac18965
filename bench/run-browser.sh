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
BENCH=run-browser
# shellcheck source=bench-lib.sh
source bench/bench-lib.sh
require_tools java node npm jq
# The daemon's own discovery rule (browser §4.1), so both sides run the same binary.
CHROMIUM=${AGENTD_CHROMIUM:-}
if [[ -z ${CHROMIUM// } ]]; then
  CHROMIUM=$(command -v chromium chromium-browser google-chrome-stable google-chrome 2>/dev/null | head -1 || true)
fi
[[ -x $CHROMIUM ]] || { echo "run-browser: no Chromium found; install 'chromium' or set AGENTD_CHROMIUM" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agentd-browser-bench.XXXXXX")
trap stop_started EXIT
trap 'exit 130' INT TERM

build_jars "$BUILD"
echo "run-browser: installing the Playwright peer (bench/browser-peer, package-lock.json)" >&2
(cd bench/browser-peer && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)

echo "run-browser: machine: $(describe_machine), node $(node --version)" >&2
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
  echo "run-browser: round $round, agentd; load average before: $(load_average)" >&2
  java -cp "$WORK/agentd-bench.jar" dev.agentd.bench.browser.BrowserLatencyBench --url "$AGENTD_URL" \
    --token-file "$WORK/agentd-home/auth-token" --page "$PAGE" --cold "$COLD" --warm "$WARM" --warmups "$WARMUPS" \
    | tee "$WORK/result-$round-agentd.json"
  echo "run-browser: round $round, playwright; load average before: $(load_average)" >&2
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
    [$round, "warm click (agentd settle_ms 0 / Playwright bare click) + observe", $a.warm_settle_0.p50_ms,
     $a.warm_settle_0.p90_ms, $p.warm_bare_click.p50_ms, $p.warm_bare_click.p90_ms, "(informational)"]
    | @tsv'
done
echo "(targets on the medians: cold < 1500 ms; warm < 150 ms and no slower than the Playwright peer)"

#!/usr/bin/env bash
# Runs and host benchmarks: runs.record_turns throughput and runs.subscribe fan-out
# (dev.agentd.bench.runs.RunsBench), then host.event fan-out (dev.agentd.bench.host.HostFanOutBench),
# both against one `agentd serve` in a fresh state root. Results and the reading of them:
# docs/benchmarks.md, sections "Runs" and "Host".
#
#   bench/run-runs-host.sh [--warmup 5s] [--duration 15s] [--skip-build] [--keep]
#
# agentd runs pinned to CPU 0 and the benchmark clients to CPU 1 (when the machine has 2+ CPUs).
# The state root is under $TMPDIR (default /tmp): record_turns fsyncs there, so its file system is
# part of the figure; the script prints it. Every process it starts is stopped on exit.
set -euo pipefail

WARMUP=5s
DURATION=15s
BUILD=true
KEEP=false
SERVER_JVM=(-Xms1g -Xmx1g -XX:+UseParallelGC)
CLIENT_JVM=(-Xms1g -Xmx1g -XX:+UseParallelGC)

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while (($#)); do
  case "$1" in
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --skip-build) BUILD=false; shift ;;
    --keep) KEEP=true; shift ;;
    *) usage ;;
  esac
done

cd "$(dirname "$0")/.."
PIN_SERVER=()
PIN_CLIENT=()
if command -v taskset >/dev/null && (($(nproc --all) >= 2)); then
  PIN_SERVER=(taskset -c 0)
  PIN_CLIENT=(taskset -c 1)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agentd-bench-runs-host.XXXXXX")
AGENTD_PID=

cleanup() {
  if [[ -n $AGENTD_PID ]]; then
    kill "$AGENTD_PID" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$AGENTD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$AGENTD_PID" 2>/dev/null || true
  fi
  if $KEEP; then echo "run-runs-host: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if $BUILD; then
  echo "run-runs-host: building cli and bench" >&2
  ./mvnw -B -q -DskipTests package -pl cli,bench -am
fi
# Copies, so that a rebuild while the benchmark runs cannot change the classes under it.
cp cli/target/agentd.jar "$WORK/agentd.jar"
cp bench/target/agentd-bench.jar "$WORK/agentd-bench.jar"

echo "run-runs-host: machine: $(nproc --all) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $(java -version 2>&1 | head -1)" >&2
echo "run-runs-host: state root file system: $(df -PT "$WORK" | awk 'NR == 2 { print $2 " (" $1 ")" }')" >&2

"${PIN_SERVER[@]}" java "${SERVER_JVM[@]}" -jar "$WORK/agentd.jar" serve --port 0 --home "$WORK/home" --log-level warn \
  >"$WORK/agentd.out" 2>"$WORK/agentd.err" &
AGENTD_PID=$!
for _ in $(seq 600); do
  grep -q '^agentd listening on ' "$WORK/agentd.out" 2>/dev/null && break
  kill -0 "$AGENTD_PID" 2>/dev/null || { echo "run-runs-host: agentd exited:" >&2; cat "$WORK/agentd.err" >&2; exit 1; }
  sleep 0.1
done
URL=$(sed -n 's/^agentd listening on //p' "$WORK/agentd.out")
[[ -n $URL ]] || { echo "run-runs-host: agentd did not start within 60 s" >&2; exit 1; }
echo "run-runs-host: agentd (pid $AGENTD_PID) at $URL" >&2

bench() {
  echo "run-runs-host: $1; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  "${PIN_CLIENT[@]}" java "${CLIENT_JVM[@]}" -cp "$WORK/agentd-bench.jar" "$1" \
    --url "$URL" --home "$WORK/home" --warmup "$WARMUP" --duration "$DURATION"
}

bench dev.agentd.bench.runs.RunsBench
bench dev.agentd.bench.host.HostFanOutBench
echo "run-runs-host: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

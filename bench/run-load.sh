#!/usr/bin/env bash
# Transport benchmark: server.handshake over WebSocket, agentd against a bare Netty JSON-RPC peer
# (dev.agentd.bench.load.EchoServer) in the same run, then the heap cost of idle authenticated
# connections. Results and the reading of them: docs/benchmarks.md.
#
#   bench/run-load.sh [--warmup 10s] [--duration 20s] [--rounds 1] [--connections 64]
#                     [--idle-connections 5000] [--idle-hold 20s] [--skip-build] [--skip-load]
#                     [--skip-idle] [--keep]
#
# Both servers run pinned to CPU 0 with the same JVM flags (SERVER_JVM below); the load client is
# pinned to CPU 1. For each round it runs 64x8 and then 64x1 (connections x requests in flight per
# connection), each against agentd and then the baseline with the same warm-up and duration,
# prints every result line and the ratios agentd/baseline. Needs: JDK 17 (java, jcmd, jstat),
# taskset, jq, 2+ CPUs. Every process it starts is stopped on exit.
set -euo pipefail

WARMUP=10s
DURATION=20s
ROUNDS=1
CONNECTIONS=64
IDLE_CONNECTIONS=5000
IDLE_HOLD=20s
BUILD=true
LOAD=true
IDLE=true
KEEP=false
SERVER_CPU=0
CLIENT_CPU=1
# Fixed heap so neither server resizes during a run; ParallelGC so that `jcmd GC.run` is one full,
# compacting collection and the used heap after it is the live set (the idle measurement).
SERVER_JVM=(-Xms1g -Xmx1g -XX:+UseParallelGC)
CLIENT_JVM=(-Xms512m -Xmx512m -XX:+UseParallelGC)

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while (($#)); do
  case "$1" in
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --idle-connections) IDLE_CONNECTIONS=$2; shift 2 ;;
    --idle-hold) IDLE_HOLD=$2; shift 2 ;;
    --skip-build) BUILD=false; shift ;;
    --skip-load) LOAD=false; shift ;;
    --skip-idle) IDLE=false; shift ;;
    --keep) KEEP=true; shift ;;
    *) usage ;;
  esac
done

cd "$(dirname "$0")/.."
BENCH=run-load
# shellcheck source=bench-lib.sh
source bench/bench-lib.sh
require_tools java jcmd jstat taskset jq
if (($(nproc --all) < 2)); then
  echo "run-load: needs 2 CPUs (server on CPU $SERVER_CPU, client on CPU $CLIENT_CPU)" >&2
  exit 2
fi
# Each idle connection is a file descriptor in the server and one in the client.
ulimit -n "$(ulimit -Hn)"
if $IDLE && (($(ulimit -n) < IDLE_CONNECTIONS + 256)); then
  echo "run-load: open-file limit $(ulimit -n) is too low for $IDLE_CONNECTIONS connections" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agentd-bench.XXXXXX")
trap stop_started EXIT
trap 'exit 130' INT TERM

build_jars "$BUILD"

echo "run-load: machine: $(describe_machine)" >&2
echo "run-load: servers on CPU $SERVER_CPU with ${SERVER_JVM[*]}; client on CPU $CLIENT_CPU with ${CLIENT_JVM[*]}" >&2

taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -jar "$WORK/agentd.jar" serve --port 0 --home "$WORK/agentd-home" \
  >"$WORK/agentd.out" 2>"$WORK/agentd.err" &
AGENTD_PID=$!
STARTED+=("$AGENTD_PID")
taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -cp "$WORK/agentd-bench.jar" dev.agentd.bench.load.EchoServer --port 0 \
  >"$WORK/baseline.out" 2>"$WORK/baseline.err" &
BASELINE_PID=$!
STARTED+=("$BASELINE_PID")

AGENTD_URL=$(wait_for_line "$WORK/agentd.out" '^agentd listening on ' 60 "$AGENTD_PID" | sed 's/^agentd listening on //')
BASELINE_URL=$(wait_for_line "$WORK/baseline.out" '^echo listening on ' 60 "$BASELINE_PID" | sed 's/^echo listening on //')
# The baseline accepts any token; both targets get the same connect sequence.
TOKEN_FILE="$WORK/agentd-home/auth-token"
echo "run-load: agentd (pid $AGENTD_PID) at $AGENTD_URL, baseline (pid $BASELINE_PID) at $BASELINE_URL" >&2

url_of() { if [[ $1 == agentd ]]; then echo "$AGENTD_URL"; else echo "$BASELINE_URL"; fi; }
pid_of() { if [[ $1 == agentd ]]; then echo "$AGENTD_PID"; else echo "$BASELINE_PID"; fi; }

client() {
  taskset -c "$CLIENT_CPU" java "${CLIENT_JVM[@]}" -cp "$WORK/agentd-bench.jar" "$@"
}

# load ROUND DEPTH TARGET: one load run; its JSON line goes to stdout and to a result file. The
# client reports on stderr how much CPU it and the server used during the measurement: a server
# well below 100% of its core was not what limited the figure.
load() {
  local result="$WORK/result-$1-$2-$3.json"
  echo "run-load: round $1, ${CONNECTIONS}x$2 against $3; load average before: $(load_average)" >&2
  if ! client dev.agentd.bench.load.LoadClient --label "$3" --url "$(url_of "$3")" --token-file "$TOKEN_FILE" \
    --connections "$CONNECTIONS" --depth "$2" --warmup "$WARMUP" --duration "$DURATION" \
    --server-pid "$(pid_of "$3")" >"$result"; then
    cat "$result"
    echo "run-load: the $3 run failed; a run with errors measures nothing" >&2
    exit 1
  fi
  cat "$result"
}

ratio_row() {
  local agentd="$WORK/result-$1-$2-agentd.json" baseline="$WORK/result-$1-$2-baseline.json"
  jq -r -n --slurpfile a "$agentd" --slurpfile b "$baseline" --arg round "$1" --arg depth "$2" --arg c "$CONNECTIONS" '
    ($a[0]) as $a | ($b[0]) as $b |
    ($a.rps / $b.rps) as $rps |
    (if $depth == "8" then ($rps >= 0.8) else ($rps >= 0.85 and $a.p99_ms < 5) end) as $met |
    [$round, "\($c)x\($depth)", $a.rps, $b.rps, ($rps * 1000 | round / 1000),
     $a.p99_ms, $b.p99_ms, ($a.p99_ms / $b.p99_ms * 100 | round / 100),
     (if $met then "met" else "MISSED" end)] | @tsv'
}

if $LOAD; then
  for round in $(seq "$ROUNDS"); do
    for depth in 8 1; do
      for target in agentd baseline; do
        load "$round" "$depth" "$target"
      done
    done
  done
  echo
  printf 'round\tshape\tagentd_rps\tbaseline_rps\trps_ratio\tagentd_p99_ms\tbaseline_p99_ms\tp99_ratio\ttarget\n'
  for round in $(seq "$ROUNDS"); do
    for depth in 8 1; do ratio_row "$round" "$depth"; done
  done
  echo "(targets: 64x8 rps_ratio >= 0.80; 64x1 rps_ratio >= 0.85 and agentd p99 < 5 ms)"
fi

# used_heap_kb PID: heap in use right after a full GC, in KiB (jstat: survivors + eden + old).
used_heap_kb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.run >/dev/null
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }'
}

# idle TARGET: heap per idle authenticated connection of that server.
idle() {
  local pid out before with idle_pid status per_connection
  pid=$(pid_of "$1")
  out="$WORK/idle-$1.out"
  before=$(used_heap_kb "$pid")
  # Not through client(): a backgrounded function would put a subshell between $! and the JVM.
  taskset -c "$CLIENT_CPU" java "${CLIENT_JVM[@]}" -cp "$WORK/agentd-bench.jar" dev.agentd.bench.load.IdleConnections \
    --url "$(url_of "$1")" --token-file "$TOKEN_FILE" --connections "$IDLE_CONNECTIONS" --hold "$IDLE_HOLD" \
    >"$out" 2>"$WORK/idle-$1.err" &
  idle_pid=$!
  STARTED+=("$idle_pid")
  wait_for_line "$out" '^idle: ' 300 "$idle_pid" >/dev/null
  with=$(used_heap_kb "$pid")
  status=0
  wait "$idle_pid" || status=$?
  forget "$idle_pid"
  if ((status != 0)); then
    echo "run-load: IdleConnections against $1 failed:" >&2
    cat "$out" "$WORK/idle-$1.err" >&2
    exit 1
  fi
  per_connection=$(awk -v b="$before" -v w="$with" -v n="$IDLE_CONNECTIONS" 'BEGIN { printf "%.2f", (w - b) / n }')
  printf '{"label":"%s","idle_connections":%d,"heap_before_kb":%d,"heap_with_kb":%d,"heap_per_connection_kb":%s}\n' \
    "$1" "$IDLE_CONNECTIONS" "$before" "$with" "$per_connection"
}

if $IDLE; then
  echo
  idle agentd
  idle baseline
  echo "(target: agentd <= 8 KB of heap per idle authenticated connection)"
fi

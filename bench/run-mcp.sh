#!/usr/bin/env bash
# MCP benchmark: tools/call memory_query throughput over Streamable HTTP, agentd's /mcp against a
# peer built on the official TypeScript SDK (bench/mcp-peer: StreamableHTTPServerTransport,
# stateful, JSON responses) serving the same tool over the same facts, in one run. Results and the
# reading of them: docs/benchmarks.md, section "MCP: tools/call throughput".
#
#   bench/run-mcp.sh [--facts 1000] [--connections 16] [--warmup 10s] [--duration 20s] [--rounds 3]
#                    [--prime 30s] [--data DIR] [--skip-build] [--skip-ceiling] [--keep]
#
# The facts are synth-v1 (memory §10, vocabulary from DIR/train.jsonl; DIR defaults to
# ../shared/data/statebench), loaded into agentd's shared graph with memory.load; the peer serves
# agentd's own memory.persist export of them, and both get the same 1,000 queries. Both servers run
# pinned to CPU 0, the load client (dev.agentd.bench.mcp.McpLoadClient) to CPU 1. In order:
#  1. unless --skip-ceiling, one client run against a canned Netty server on CPU 0
#     (dev.agentd.bench.mcp.CannedMcpServer): the most this client can measure;
#  2. one unmeasured client run of --prime against each server, so that its JIT (on the same
#     pinned CPU) is done before round 1;
#  3. the rounds: the client against agentd and against the peer (agentd first in odd rounds, the
#     peer first in even ones) with the same warm-up and duration; then a table of the ratios.
# Needs: JDK 17, Node 20+ with npm, jq, taskset, 2+ CPUs. Every process it starts is stopped on exit.
set -euo pipefail

FACTS=1000
CONNECTIONS=16
WARMUP=10s
DURATION=20s
ROUNDS=3
PRIME=30s
DATA=
BUILD=true
CEILING=true
KEEP=false
SERVER_CPU=0
CLIENT_CPU=1
SERVER_JVM=(-Xms1g -Xmx1g -XX:+UseParallelGC)
CLIENT_JVM=(-Xms512m -Xmx512m -XX:+UseParallelGC)
TARGET_RATIO=3

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while (($#)); do
  case "$1" in
    --facts) FACTS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --prime) PRIME=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --skip-build) BUILD=false; shift ;;
    --skip-ceiling) CEILING=false; shift ;;
    --keep) KEEP=true; shift ;;
    *) usage ;;
  esac
done

cd "$(dirname "$0")/.."
BENCH=run-mcp
# shellcheck source=bench-lib.sh
source bench/bench-lib.sh
require_tools java node npm jq taskset
if (($(nproc --all) < 2)); then
  echo "$BENCH: needs 2 CPUs (servers on CPU $SERVER_CPU, client on CPU $CLIENT_CPU)" >&2
  exit 2
fi
TRAIN="${DATA:-../shared/data/statebench}/train.jsonl"
[[ -f $TRAIN ]] || { echo "$BENCH: $TRAIN not found (the synth-v1 vocabulary); pass --data DIR" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agentd-mcp-bench.XXXXXX")
trap stop_started EXIT
trap 'exit 130' INT TERM

build_jars "$BUILD"
echo "$BENCH: installing the TypeScript SDK peer (bench/mcp-peer, package-lock.json)" >&2
(cd bench/mcp-peer && npm ci --no-audit --no-fund --loglevel=error >&2)

echo "$BENCH: machine: $(describe_machine), node $(node --version)" >&2
echo "$BENCH: servers on CPU $SERVER_CPU (agentd with ${SERVER_JVM[*]}); client on CPU $CLIENT_CPU with ${CLIENT_JVM[*]}" >&2
echo "$BENCH: @modelcontextprotocol/sdk $(jq -r '.packages["node_modules/@modelcontextprotocol/sdk"].version' bench/mcp-peer/package-lock.json)" >&2

client() {
  taskset -c "$CLIENT_CPU" java "${CLIENT_JVM[@]}" -cp "$WORK/agentd-bench.jar" "$@"
}

# start NAME COMMAND...: start a server on the server CPU, output in WORK/NAME.out and .err; sets PID.
start() {
  local name=$1
  shift
  taskset -c "$SERVER_CPU" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PID=$!
  STARTED+=("$PID")
}

start agentd java "${SERVER_JVM[@]}" -jar "$WORK/agentd.jar" serve --port 0 --home "$WORK/agentd-home" --log-level warn
AGENTD_PID=$PID
WS_URL=$(wait_for_line "$WORK/agentd.out" '^agentd listening on ' 60 "$AGENTD_PID" | sed 's/^agentd listening on //')
AGENTD_URL="http${WS_URL#ws}mcp"
TOKEN_FILE="$WORK/agentd-home/auth-token"

echo "$BENCH: loading $FACTS synth-v1 facts into agentd's shared graph" >&2
CORPUS=$(client dev.agentd.bench.mcp.McpCorpus --data "$TRAIN" --facts "$FACTS" --url "$WS_URL" \
  --token-file "$TOKEN_FILE" --home "$WORK/agentd-home" --queries-out "$WORK/queries.json")
echo "$BENCH: corpus: $CORPUS" >&2

start peer node bench/mcp-peer/peer.mjs --facts "$(jq -r .export <<<"$CORPUS")" --port 0
PEER_PID=$PID
PEER_URL=$(wait_for_line "$WORK/peer.out" '^mcp-peer listening on ' 60 "$PEER_PID" | sed 's/^mcp-peer listening on //')
echo "$BENCH: agentd (pid $AGENTD_PID) at $AGENTD_URL, peer (pid $PEER_PID) at $PEER_URL; $(grep -m1 facts "$WORK/peer.out")" >&2

# load LABEL URL PID RESULT [WARMUP DURATION]: one load run; its JSON line goes to stdout and to
# RESULT.
load() {
  echo "$BENCH: $1; load average before: $(load_average)" >&2
  if ! client dev.agentd.bench.mcp.McpLoadClient --label "$1" --url "$2" --token-file "$TOKEN_FILE" \
    --queries "$WORK/queries.json" --connections "$CONNECTIONS" --warmup "${5:-$WARMUP}" \
    --duration "${6:-$DURATION}" --server-pid "$3" >"$4"; then
    cat "$4"
    echo "$BENCH: the $1 run failed; a run with errors measures nothing" >&2
    exit 1
  fi
  cat "$4"
}

if $CEILING; then
  start canned java "${SERVER_JVM[@]}" -cp "$WORK/agentd-bench.jar" dev.agentd.bench.mcp.CannedMcpServer --port 0
  CANNED_PID=$PID
  CANNED_URL=$(wait_for_line "$WORK/canned.out" '^canned listening on ' 60 "$CANNED_PID" | sed 's/^canned listening on //')
  load "client ceiling (canned server)" "$CANNED_URL" "$CANNED_PID" "$WORK/result-ceiling.json"
  stop "$CANNED_PID"
fi

load "agentd (priming)" "$AGENTD_URL" "$AGENTD_PID" "$WORK/prime-agentd.json" "$PRIME" 1s >/dev/null
load "ts-sdk-peer (priming)" "$PEER_URL" "$PEER_PID" "$WORK/prime-peer.json" "$PRIME" 1s >/dev/null

# Odd rounds measure agentd first, even rounds the peer first, so drift in the machine's load
# does not always favour the same side.
for round in $(seq "$ROUNDS"); do
  if ((round % 2 == 1)); then order=(agentd peer); else order=(peer agentd); fi
  for target in "${order[@]}"; do
    if [[ $target == agentd ]]; then
      load "agentd (round $round)" "$AGENTD_URL" "$AGENTD_PID" "$WORK/result-$round-agentd.json"
    else
      load "ts-sdk-peer (round $round)" "$PEER_URL" "$PEER_PID" "$WORK/result-$round-peer.json"
    fi
  done
done
echo "$BENCH: load average after: $(load_average)" >&2

echo
printf 'round\tagentd_rps\tpeer_rps\tratio\tagentd_p50_ms\tagentd_p99_ms\tpeer_p50_ms\tpeer_p99_ms\ttarget\n'
for round in $(seq "$ROUNDS"); do
  jq -r -n --slurpfile a "$WORK/result-$round-agentd.json" --slurpfile p "$WORK/result-$round-peer.json" \
    --arg round "$round" --argjson target "$TARGET_RATIO" '
    ($a[0]) as $a | ($p[0]) as $p | ($a.rps / $p.rps) as $ratio |
    [$round, $a.rps, $p.rps, ($ratio * 100 | round / 100), $a.p50_ms, $a.p99_ms, $p.p50_ms, $p.p99_ms,
     (if $ratio >= $target then "met" else "MISSED" end)] | @tsv'
done
echo "(target: agentd >= ${TARGET_RATIO}x the TypeScript SDK peer's tools/call req/s, ${CONNECTIONS} connections, one call in flight each)"

# Shell functions shared by the bench/run-*.sh scripts; sourced, never run. Before sourcing, a
# script sets BENCH (its name, the prefix of its messages); before calling stop_started it sets
# WORK (its scratch directory) and KEEP (true keeps WORK).

# Background processes started and not yet reaped by `wait`, so their pids cannot have been reused.
STARTED=()

# stop_started: SIGTERM every process in STARTED, SIGKILL what is left after 15 s, then remove
# WORK unless KEEP. Installed as the EXIT trap.
stop_started() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ -n ${WORK:-} ]]; then
    if ${KEEP:-false}; then echo "$BENCH: kept $WORK" >&2; else rm -rf "$WORK"; fi
  fi
}

# forget PID: drop a process that has been reaped from the list stop_started kills.
forget() {
  local kept=() pid
  for pid in "${STARTED[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
  STARTED=("${kept[@]}")
}

# stop PID: SIGTERM one process started in the background, wait for it, and forget it.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}

# require_tools TOOL...: exit 2 naming the first tool not on PATH.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$BENCH: $tool not found" >&2; exit 2; }
  done
}

# wait_for_line FILE REGEX TIMEOUT_S PID: print the first line of FILE matching REGEX, failing if
# PID exits first or TIMEOUT_S passes.
wait_for_line() {
  local deadline=$((SECONDS + $3))
  until grep -m1 -E "$2" "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then
      echo "$BENCH: process $4 exited before printing /$2/:" >&2
      cat "$1" "${1%.out}.err" >&2 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$BENCH: no /$2/ from process $4 within $3 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# build_jars BUILD: when BUILD is true, package the cli and bench jars; then copy both into WORK
# (agentd.jar, agentd-bench.jar), so that a rebuild while the benchmark runs cannot change the
# classes under it.
build_jars() {
  if $1; then
    echo "$BENCH: building cli and bench" >&2
    ./mvnw -B -q -DskipTests package -pl cli,bench -am
  fi
  cp cli/target/agentd.jar "$WORK/agentd.jar"
  cp bench/target/agentd-bench.jar "$WORK/agentd-bench.jar"
}

# describe_machine: CPUs, CPU model and JDK, for the log of a run.
describe_machine() {
  echo "$(nproc --all) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $(java -version 2>&1 | head -1)"
}

# load_average: the 1, 5 and 15 minute load averages.
load_average() {
  cut -d' ' -f1-3 /proc/loadavg
}

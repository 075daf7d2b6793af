#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Shared by deploy/local/bench.sh and chaos.sh: builds the bench/ module when needed, runs its Java classes, mints the
# tokens they use and tells them where the stack's pid files are. Sourced, never run.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_DIR="$REPO_ROOT/bench"
# Where the Java side finds the stack's processes (bench/StackProcesses): their pid files, wherever the state lives.
export BENCH_PIDS_DIR="$PIDS_DIR"
# The gateway's further instances' databases (up.sh --instances N), which the audits and the CPU reading include.
BENCH_GATEWAY_DATABASES="$(printf '%s\n' "${DATABASES[@]}" | grep -E '^command_gateway_[0-9]+$' | paste -sd, || true)"
export BENCH_GATEWAY_DATABASES
# Written after a successful build; sources newer than it mean the classes are stale.
BENCH_STAMP="$BENCH_DIR/target/.harness-built"

# The bench module and the two it takes the recommendation index from (-am), so this works on a fresh clone without
# `install`. Their tests need the stack's infrastructure, so not run here; quarkus.build.skip leaves the services'
# runnable jars alone, which a running stack is using.
harness_ensure_built() {
  if [[ -f "$BENCH_STAMP" && -d "$BENCH_DIR/target/classes" && -d "$BENCH_DIR/target/libs" ]] &&
    [[ -z "$(find "$BENCH_DIR/src" "$BENCH_DIR/pom.xml" -newer "$BENCH_STAMP" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  require_cmd java openjdk-17-jdk-headless
  log "building the harness: ./mvnw -q -pl bench -am package -DskipTests -Dquarkus.build.skip=true"
  mvnw -q -pl bench -am package -DskipTests -Dquarkus.build.skip=true >&2 ||
    die "building bench/ failed (Maven output above)"
  touch "$BENCH_STAMP"
}

# harness_java MAIN_CLASS ARGS...: the harness shares two cores with seven JVMs, so the serial GC. Its heap has room
# for screens that connect at once to a stack holding tens of thousands of open incidents (after B1), each receiving
# a snapshot of some 25 MB. (Limiting it to the C1 compiler saved its compile time but made B2 slower overall:
# docs/performance.md.)
harness_java() {
  java -Xmx2g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "$BENCH_DIR/target/libs/*:$BENCH_DIR/target/classes" "$@"
}

# Exports what the Java side reads: the tokens (a duty officer of Anhai reports, a viewer watches and reads back) and
# the Kafka client settings for the admin user.
harness_tokens() {
  [[ -s "$KAFKA_ADMIN_CONFIG" ]] || die "no $(rel "$KAFKA_ADMIN_CONFIG"): start the stack with deploy/local/up.sh"
  export BENCH_KAFKA_CONFIG="$KAFKA_ADMIN_CONFIG"
  # The harness mints a token per screen and per sender (bench/BenchTokens): the gateway bounds screens per user.
  [[ -s "$JWT_PRIVATE_PEM" ]] || die "no $(rel "$JWT_PRIVATE_PEM"): start the stack with deploy/local/up.sh"
  export BENCH_JWT_PRIVATE_KEY="$JWT_PRIVATE_PEM"
  BENCH_OFFICER_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" duty-officer 350582100000 2>/dev/null | tail -n 1)" ||
    die "deploy/local/token.sh failed"
  BENCH_VIEWER_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" viewer 2>/dev/null | tail -n 1)" ||
    die "deploy/local/token.sh failed"
  BENCH_DISPATCHER_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" dispatcher 2>/dev/null | tail -n 1)" ||
    die "deploy/local/token.sh failed"
  BENCH_KEEPER_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" warehouse-keeper 2>/dev/null | tail -n 1)" ||
    die "deploy/local/token.sh failed"
  export BENCH_OFFICER_TOKEN BENCH_VIEWER_TOKEN BENCH_DISPATCHER_TOKEN BENCH_KEEPER_TOKEN
}

# Fails with a hint unless every service answers /q/health/ready with 200.
harness_require_stack() {
  local s code down=()
  for s in "${SERVICES[@]}"; do
    code="$(http_status 127.0.0.1 "$(service_port "$s")" /q/health/ready)"
    [[ "$code" == 200 ]] || down+=("$s (HTTP $code)")
  done
  ((${#down[@]} == 0)) || die "not ready: ${down[*]}; start the stack first: deploy/local/up.sh"
}

# Which build the figures belong to. A service runs the jar that was on disk when it started, so what matters is the
# commit, when each running process started, and whether its jar has been rebuilt since (then the figures describe
# an older build than the one on disk).
harness_build_note() {
  local s file pid jar started earliest="" latest="" rebuilt=() checkout=""
  for s in "${SERVICES[@]}"; do
    # Read-only: running_pid would drop the pid file of a service whose jar is not this checkout's, and bench.sh may
    # be measuring another checkout's stack (EMERGENCY_LOCAL_DIR). The jar is the one the process was started with.
    file="$(pid_file "$s")"
    [[ -f "$file" ]] || continue
    pid="$(tr -dc '0-9' <"$file")"
    pid_alive "$pid" || continue
    jar="$(pid_cmdline "$pid" | grep -o '[^ ]*/quarkus-run\.jar' | head -n 1)" || continue
    [[ -n "$checkout" ]] || checkout="${jar%/services/*}"
    started="$(date -d "$(ps -o lstart= -p "$pid")" +%s)"
    [[ -z "$earliest" || "$started" -lt "$earliest" ]] && earliest="$started"
    [[ -z "$latest" || "$started" -gt "$latest" ]] && latest="$started"
    [[ -f "$jar" && "$(date -r "$jar" +%s)" -gt "$started" ]] && rebuilt+=("$s")
  done
  printf 'HEAD %s; services started %s..%s' \
    "$(git -C "${checkout:-$REPO_ROOT}" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "$( [[ -n "$earliest" ]] && date -d "@$earliest" '+%F %T' || echo '?')" \
    "$( [[ -n "$latest" ]] && date -d "@$latest" '+%T' || echo '?')"
  [[ -z "$checkout" || "$checkout" == "$REPO_ROOT" ]] ||
    printf ' from %s (harness: HEAD %s)' "$checkout" "$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  ((${#rebuilt[@]} == 0)) || printf '; jars rebuilt after start (running an older build) for: %s' "${rebuilt[*]}"
  echo
}

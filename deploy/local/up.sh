#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Brings up the whole local stack on this machine without Docker: PostgreSQL (the machine's server), a single-node
# Kafka broker, JWT keys and the five services. Safe to run again: what already runs is left alone and only
# health-checked. State lives in .local/ (git-ignored); deploy/local/down.sh stops it all.
set -euo pipefail

LIB_DIR="$(dirname "${BASH_SOURCE[0]}")/lib"
# shellcheck source=lib/common.sh
source "$LIB_DIR/common.sh"
# shellcheck source=lib/postgres.sh
source "$LIB_DIR/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$LIB_DIR/kafka.sh"
# shellcheck source=lib/stack.sh
source "$LIB_DIR/stack.sh"
# shellcheck source=lib/balancer.sh
source "$LIB_DIR/balancer.sh"
refuse_foreign_state

# Five JVMs starting together on two cores; overridable for slower machines.
# Five JVMs starting together on a 2-core machine take minutes, not seconds.
READY_TIMEOUT_SECONDS="${READY_TIMEOUT_SECONDS:-400}"

run_locked "$0" "$@"
# From here on a failure says where, and stops the broker, services and platform this run started.
stop_started_on_failure

usage() {
  cat <<EOF
usage: $(basename "$0") [--build] [--instances N] [--infra-only] [--with-platform] [--help]

Starts PostgreSQL (127.0.0.1:5432), Kafka (127.0.0.1:9092), creates topics, databases and JWT keys,
then starts the five services and waits until each reports ready.
  --build        rebuild the services (./mvnw -q -DskipTests package) even if their jars exist;
                 services already running are stopped first and restarted on the new build
  --instances N  run N instances of every service (1 to $MAX_INSTANCES; default 1, or what the running stack has),
                 instance i on the service's port + 100 × i, behind HAProxy (Debian's haproxy, installed if
                 missing) on the services' own ports; the gateway's instances each with a database of their own
  --infra-only   stop after PostgreSQL, Kafka and the JWT keys (e.g. to run a service with quarkus:dev)
  --with-platform  also start the simulated broadcast platform (integration-tests' BroadcastPlatform): it verifies
                 each CAP message on broadcast-cap, plays it on its areas' terminals and reports on broadcast-acks
  --help         this text

Without --build the services are built only when a jar is missing. Stop everything with deploy/local/down.sh.
EOF
}

force_build=0
infra_only=0
with_platform=0
instances=""
while (($# > 0)); do
  arg="$1"
  shift
  case "$arg" in
    --instances)
      instances="${1:-}"
      shift || true
      [[ "$instances" =~ ^[1-9][0-9]*$ ]] && ((instances <= MAX_INSTANCES)) || {
        printf 'ERROR: --instances takes a number from 1 to %s\n' "$MAX_INSTANCES" >&2
        exit 2
      }
      ;;
    --with-platform) with_platform=1 ;;
    --build) force_build=1 ;;
    --infra-only) infra_only=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      printf 'ERROR: unknown option: %s\n' "$arg" >&2
      usage >&2
      exit 2
      ;;
  esac
done

# The count is the running stack's: another one needs down.sh first (its ports, the balancer, the gateway's databases).
choose_instances() {
  local recorded s running=0
  recorded="$(stack_instances)"
  for s in $(all_instances); do
    running_pid "$s" "$(service_jar "$(instance_service "$s")")" >/dev/null && running=1
  done
  instances="${instances:-$recorded}"
  if ((running)) && ((instances != recorded)); then
    die "the stack runs with $recorded instance(s) of each service, not $instances: deploy/local/down.sh first"
  fi
  if ((instances > 1)); then
    echo "$instances" >"$INSTANCES_FILE"
  else
    rm -f "$INSTANCES_FILE"
  fi
  load_instances
}

build_services() {
  local s reason="" missing=()
  for s in "${SERVICES[@]}"; do
    [[ -f "$(service_jar "$s")" ]] || missing+=("$s")
  done
  if ((force_build)); then
    reason="--build"
  elif ((${#missing[@]} > 0)); then
    reason="no jar yet for: ${missing[*]}"
  else
    # Not rebuilt automatically (minutes of CPU on two cores), but worth saying: a stale jar is a classic trap.
    for s in "${SERVICES[@]}"; do
      if [[ -n "$(find "$REPO_ROOT/services/$s/src" "$REPO_ROOT/services/shared/src" -type f \
        -newer "$(service_jar "$s")" -print -quit 2>/dev/null)" ]]; then
        note "$s: sources changed since its jar was built; run with --build to use them"
      fi
    done
    return 0
  fi

  # Packaging rewrites the jars under target/quarkus-app; a JVM still running from them can fail on its next class
  # load, so running services are stopped now and started again below, on the new build.
  stop_services
  require_cmd java openjdk-17-jdk-headless
  log "building the services ($reason): ./mvnw -q -DskipTests package, takes a few minutes"
  local started=$SECONDS
  mvnw -q -DskipTests package >&2 || die "the build failed (Maven output above)"
  for s in "${SERVICES[@]}"; do
    [[ -f "$(service_jar "$s")" ]] || die "the build passed but produced no $(rel "$(service_jar "$s")")"
  done
  log "build done in $((SECONDS - started)) s"
}

# Services found answering on their port without a pid file of ours (e.g. one run by hand in quarkus:dev).
FOREIGN_SERVICES=" "

start_services() {
  local name s port jar pid password heap database pool
  local -a sizing
  # Each service's instances share its ten PostgreSQL connections (the pool of one instance, services/shared): the
  # database's two cores are the bound, not the instance count, and the server's 100 slots hold the stack only once
  # over (a test run beside it takes the rest). Three at least: the relay, a consumer's batch, a request.
  pool=$((10 / $(stack_instances)))
  ((pool >= 3)) || pool=3
  for name in $(all_instances); do
    s="$(instance_service "$name")"
    port="$(instance_port "$name")"
    jar="$(service_jar "$s")"
    database="$(instance_database "$name")"
    if pid="$(running_pid "$name" "$jar")"; then
      log "$name: already running (pid $pid)"
      continue
    fi
    if port_open 127.0.0.1 "$port"; then
      # A second instance could not bind anyway; check the health of whatever is there instead.
      warn "$name: port $port is already in use by a process these scripts did not start; not starting another"
      FOREIGN_SERVICES+="$name "
      continue
    fi
    password="$(kafka_service_password "$s")"
    # The gateway keeps the whole live picture in its heap (an allocation item takes an estimated 6 KB there, an incident
    # with its chain more), so it gets room for tens of thousands of items; the others need little.
    # The heap starts small with a young generation of fixed size, and what a collection frees beyond 30 % is given
    # back: resident memory then follows what the service holds, not the most it ever held (the gateway's had grown to
    # 961 MiB over three B2 runs for a live heap near 100 MiB; docs/performance.md). The same in deploy/k8s.
    heap=256m
    sizing=(-Xms96m -Xmn48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    if [[ "$s" == command-gateway ]]; then
      heap=768m
      sizing=(-Xms128m -Xmn96m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    fi
    # Six JVMs share the machine: a small heap, the serial GC, a bounded code cache, small thread stacks and two malloc
    # arenas (glibc's default is eight per core) keep each one's resident memory down (docs/performance.md). A JVM
    # out of heap exits rather than limping on with its transactions open; up.sh starts it again.
    # The passwords go by the call's environment, not on the command line that start_detached logs.
    # A gateway instance after the first reads and keeps its picture in a database of its own.
    KAFKA_PASSWORD="$password" DB_PASSWORD="$DB_PASSWORD" start_detached "$name" "$REPO_ROOT/services/$s" env \
      KAFKA_BOOTSTRAP_SERVERS="$KAFKA_HOST:$KAFKA_PORT" \
      DB_HOST="$PG_HOST" DB_PORT="$PG_PORT" DB_USER="$DB_USER" ${database:+EMERGENCY_SERVICE_DATABASE="$database"} \
      JWT_PUBLIC_KEY="$JWT_PUBLIC_PEM" EMERGENCY_WARNING_CAP_PRIVATE_KEY="$CAP_PRIVATE_PEM" \
      QUARKUS_HTTP_PORT="$port" QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="$pool" \
      MALLOC_ARENA_MAX=2 \
      java "-Xmx$heap" "${sizing[@]}" -XX:+UseSerialGC \
        -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError -jar "$jar"
    log "$name: started on port $port (pid $(cat "$(pid_file "$name")"), log $(rel "$LOGS_DIR/$name.log"))"
  done
}

# Polls every service's readiness together (they start in parallel), with one overall deadline.
wait_for_services() {
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS)) s port code
  local -a pending=() next=() exited=()
  mapfile -t pending < <(all_instances)
  local -A last_code=()
  log "waiting up to ${READY_TIMEOUT_SECONDS}s for /q/health/ready on every service"
  while ((${#pending[@]} > 0)); do
    next=()
    for s in "${pending[@]}"; do
      port="$(instance_port "$s")"
      code="$(http_status 127.0.0.1 "$port" /q/health/ready)"
      last_code[$s]="$code"
      if [[ "$code" == 200 ]]; then
        note "$s: ready"
      elif [[ "$FOREIGN_SERVICES" != *" $s "* ]] && ! running_pid "$s" "$(service_jar "$(instance_service "$s")")" >/dev/null; then
        exited+=("$s") # no point waiting for a process that is gone
      else
        next+=("$s")
      fi
    done
    pending=("${next[@]+"${next[@]}"}")
    ((${#pending[@]} == 0 || SECONDS >= deadline)) && break
    sleep 2
  done

  ((${#pending[@]} == 0 && ${#exited[@]} == 0)) && return 0
  for s in "${exited[@]+"${exited[@]}"}"; do
    printf 'ERROR: %s exited during startup\n' "$s" >&2
    show_log_tail "$LOGS_DIR/$s.log" 40
  done
  for s in "${pending[@]+"${pending[@]}"}"; do
    if [[ "$FOREIGN_SERVICES" == *" $s "* ]]; then
      printf 'ERROR: %s not ready after %ss: port %s is held by a process these scripts did not start (HTTP %s)\n' \
        "$s" "$READY_TIMEOUT_SECONDS" "$(instance_port "$s")" "${last_code[$s]}" >&2
      continue # its log, if any, is not from that process
    elif [[ "${last_code[$s]}" == 000 ]]; then
      printf 'ERROR: %s not ready after %ss: nothing answers on port %s\n' "$s" "$READY_TIMEOUT_SECONDS" \
        "$(instance_port "$s")" >&2
    else
      printf 'ERROR: %s not ready after %ss: /q/health/ready answers HTTP %s\n' "$s" "$READY_TIMEOUT_SECONDS" \
        "${last_code[$s]}" >&2
    fi
    show_log_tail "$LOGS_DIR/$s.log" 40
  done
  die "not every service became ready; the services this run started are stopped again (their logs stay)"
}

print_infra_summary() {
  cat <<EOF
  Kafka           $KAFKA_HOST:$KAFKA_PORT   SASL (SCRAM-SHA-512); topics and ACLs: $(rel "$KAFKA_ACCESS_TABLE")
                  admin client config: $(rel "$KAFKA_ADMIN_CONFIG"); kcat: deploy/local/kcat.sh
  PostgreSQL      $PG_HOST:$PG_PORT   user $DB_USER / password $DB_PASSWORD
                  databases: ${DATABASES[*]}
  JWT public key  $JWT_PUBLIC_PEM
  Logs            $LOGS_DIR/<name>.log
EOF
}

# The roles token.sh mints, from the same source as its own list (known_roles), wrapped under "roles:".
roles_summary() {
  local roles role needs listed=()
  roles="$(known_roles)" || return 1
  while IFS= read -r role; do
    needs="$(role_needs "$role")"
    listed+=("$role${needs:+ (needs $needs)}")
  done <<<"$roles"
  local IFS=,
  printf 'roles: %s\n' "${listed[*]}" | sed 's/,/, /g' | fold -s -w 110 |
    sed 's/ *$//; 1s/^/  /; 2,$s/^/         /'
}

print_summary() {
  local s port base
  echo
  echo "Local stack is up."
  echo
  # By port, so the gateway (the entry point, 8080) comes first.
  for s in $(for x in "${SERVICES[@]}"; do echo "$(service_port "$x") $x"; done | sort -n | cut -d' ' -f2); do
    port="$(service_port "$s")"
    base="http://localhost:$port"
    printf '  %-18s REST %s/   OpenAPI %s/q/openapi\n' "$s" "$base" "$base"
    printf '  %-18s health %s/q/health   metrics %s/q/metrics\n' "" "$base" "$base"
  done
  echo
  echo "  WebSocket       ws://localhost:8080/ws/incidents   (command-gateway)"
  if (($(stack_instances) > 1)); then
    echo "  Instances       $(stack_instances) of each service, instance i on its port + 100 × i, behind HAProxy on the"
    echo "                  ports above (config $(rel "$BALANCER_CONFIG"), log $(rel "$LOGS_DIR/balancer.log"))"
  fi
  print_infra_summary
  cat <<EOF

Token (signed with .local/jwt/private.pem, valid 8 h):
  TOKEN=\$(deploy/local/token.sh dispatcher)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8080/q/health
$(roles_summary)
Stop: deploy/local/down.sh   (--purge also deletes the Kafka data, the databases and the logs)
EOF
}

main() {
  ensure_state_dirs
  # Not used at run time: the integration test (./mvnw verify) drives the gateway's operator page in it.
  require_cmd chromium chromium
  # Not used by the stack either: the README's walk-through reads answers with jq and checks the CAP alert with
  # xmllint. Installed where we can; elsewhere only a warning, since the stack runs without them.
  local tool
  for tool in jq:jq xmllint:libxml2-utils; do
    command -v "${tool%%:*}" >/dev/null 2>&1 && continue
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing ${tool#*:} (for ${tool%%:*}, used by the README's walk-through)"
      apt_install "${tool#*:}"
    else
      warn "${tool%%:*} is missing (Debian package ${tool#*:}); the README's walk-through uses it"
    fi
  done
  choose_instances
  ensure_jwt_keys
  ensure_cap_keys
  postgres_ensure_running
  postgres_provision
  kafka_start
  stack_pair_databases
  kafka_setup

  if ((infra_only)); then
    echo
    echo "Local infrastructure is up (services not started: --infra-only)."
    print_infra_summary
    echo "Stop: deploy/local/down.sh"
    return 0
  fi

  build_services
  start_services
  wait_for_services
  (($(stack_instances) > 1)) && start_balancer
  ((with_platform)) && start_platform
  print_summary
}

# HAProxy in front of the instances, then each service's own port asked until it answers ready through it.
start_balancer() {
  local deadline=$((SECONDS + 30)) s
  local -a pending
  balancer_start
  while :; do
    pending=()
    for s in "${SERVICES[@]}"; do
      [[ "$(http_status 127.0.0.1 "$(service_port "$s")" /q/health/ready)" == 200 ]] || pending+=("$s")
    done
    ((${#pending[@]} == 0)) && break
    ((SECONDS < deadline)) || die "the balancer does not answer ready for: ${pending[*]} (log $(rel "$LOGS_DIR/balancer.log"))"
    sleep 1
  done
  note "balancer: every service ready through it"
}

# The simulated broadcast platform, from the integration tests' classes, as the broadcast-platform Kafka user. It
# plays 95 % of the terminals of each warning, each report within 2 s.
start_platform() {
  local cp_file="$REPO_ROOT/integration-tests/target/platform.classpath" token password
  if running_pid broadcast-platform BroadcastPlatform >/dev/null; then
    log "broadcast-platform: already running"
    return 0
  fi
  log "broadcast-platform: building its classpath (./mvnw -q -pl integration-tests -am test-compile)"
  mvnw -q -pl integration-tests -am test-compile -Dquarkus.build.skip=true >&2 ||
    die "building the integration tests failed (Maven output above)"
  mvnw -q -pl integration-tests dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2 ||
    die "could not resolve the integration tests' classpath"
  token="$("$REPO_ROOT/deploy/local/token.sh" broadcast-system 2>/dev/null | tail -n 1)"
  password="$(kafka_service_password broadcast-platform)"
  # The password and token go by the call's environment, not on the command line that start_detached logs.
  KAFKA_PASSWORD="$password" BROADCAST_TOKEN="$token" start_detached broadcast-platform "$REPO_ROOT/integration-tests" \
    java -Xmx128m -XX:+UseSerialGC -cp "$REPO_ROOT/integration-tests/target/test-classes:$(cat "$cp_file")" \
    cn.jinjiang.emergency.it.BroadcastPlatform "$KAFKA_HOST:$KAFKA_PORT" "$CAP_PUBLIC_PEM" \
    "http://127.0.0.1:$(service_port warning-broadcast)" 0.95 2000
  log "broadcast-platform: started (pid $(cat "$(pid_file broadcast-platform)"), log $(rel "$LOGS_DIR/broadcast-platform.log"))"
}

main

#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Stops what deploy/local/up.sh started: the five services, then the Kafka broker.
# Only processes named by our pid files are signalled (never by name: other Java processes, e.g. a test run's own
# broker, may be on the machine). PostgreSQL is the machine's shared server and keeps running; data stays unless
# --purge is given.
set -euo pipefail

LIB_DIR="$(dirname "${BASH_SOURCE[0]}")/lib"
# shellcheck source=lib/common.sh
source "$LIB_DIR/common.sh"
# shellcheck source=lib/kafka.sh
source "$LIB_DIR/kafka.sh"
# shellcheck source=lib/stack.sh
source "$LIB_DIR/stack.sh"
# shellcheck source=lib/balancer.sh
source "$LIB_DIR/balancer.sh"
refuse_foreign_state

run_locked "$0" "$@"

usage() {
  cat <<EOF
usage: $(basename "$0") [--purge] [--help]

Stops the local services (SIGTERM, SIGKILL after 20 s) and then the Kafka broker started by up.sh.
PostgreSQL keeps running and keeps its data.
  --purge   also delete the Kafka data (.local/kafka/data) and its credentials, the services' databases and the logs
            (.local/logs): the two halves of the stack's state go together. The next up.sh formats a fresh broker
            and creates empty databases. JWT keys are kept.
EOF
}

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
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

# Services first: they flush their outboxes and commit consumer offsets to the broker while it still runs.
# The simulated broadcast platform (up.sh --with-platform), if it runs, before the services it talks to.
stop_processes 10 "broadcast-platform:BroadcastPlatform"
# The balancer first: nothing new reaches the instances while they drain.
balancer_stop
stop_services
kafka_stop
rm -f "$INSTANCES_FILE"

# Pid files whose process is gone (crash, reboot) would only confuse the next run.
if [[ -d "$PIDS_DIR" ]]; then
  for file in "$PIDS_DIR"/*.pid; do
    [[ -e "$file" ]] || continue
    pid="$(tr -dc '0-9' <"$file")"
    if [[ -z "$pid" ]] || ! pid_alive "$pid"; then
      rm -f "$file"
    else
      warn "$(basename "$file" .pid) (pid $pid) is still running; its pid file is kept"
    fi
  done
fi

if ((purge)); then
  # Deleting a live broker's data dir would corrupt it mid-write; stop_processes has already SIGKILLed stragglers,
  # so a live pid here means something is badly wrong.
  if pid="$(kafka_running_pid)"; then
    die "the Kafka broker (pid $pid) is still running; not deleting its data"
  fi
  log "purging $(rel "$KAFKA_DATA_DIR") and its credentials, the databases (${DATABASES[*]}) and $(rel "$LOGS_DIR")"
  if postgres_ready; then
    stack_drop_databases
  else
    warn "PostgreSQL does not answer; the databases are kept, and up.sh will refuse them against the new broker"
  fi
  # The credentials go with the data: the broker's metadata holds the admin credential it was formatted with.
  rm -rf "$KAFKA_DATA_DIR" "$KAFKA_UNPAIRED" "$KAFKA_CREDENTIALS_DIR" "$KAFKA_ADMIN_CONFIG" "$KAFKA_KCAT_CONFIG" \
    "$LOGS_DIR"
fi

log "local stack stopped (PostgreSQL left running)"

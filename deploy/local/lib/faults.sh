#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The faults deploy/local/chaos.sh injects into the running local stack, each broken the hard way and healed with the
# same functions up.sh uses. The chaos harness calls it; it also runs alone:
#   deploy/local/lib/faults.sh inject broker     kill -9 the Kafka broker (pid from .local/pids/kafka.pid)
#   deploy/local/lib/faults.sh heal broker       start it again (lib/kafka.sh start)
#   deploy/local/lib/faults.sh inject postgres   stop the PostgreSQL cluster on 127.0.0.1:5432 in immediate mode
#   deploy/local/lib/faults.sh heal postgres     start it again (lib/postgres.sh start)
#   deploy/local/lib/faults.sh inject postgres-consumer   take material-reserves' database away (connections refused
#                                                         and cut), the server and every other database staying up
#   deploy/local/lib/faults.sh heal postgres-consumer     let it take connections again
#   deploy/local/lib/faults.sh inject services   kill -9 command-gateway and resource-dispatch
#   deploy/local/lib/faults.sh heal services     deploy/local/up.sh, which starts only what is not running
#   deploy/local/lib/faults.sh inject busy-incident   kill -9 command-gateway (after thousands of follow-ups on one
#                                                     incident, filed by the harness before the run)
#   deploy/local/lib/faults.sh heal busy-incident     deploy/local/up.sh: the gateway restarts with default settings
#   deploy/local/lib/faults.sh inject cold-gateway    kill -9 command-gateway (with thousands of open incidents on
#                                                     the picture, loaded by the harness before)
#   deploy/local/lib/faults.sh heal cold-gateway      deploy/local/up.sh: the gateway starts cold, its screens waiting
#   deploy/local/lib/faults.sh inject instance   kill -9 the first instance of every service (a stack started with
#                                                up.sh --instances 2 or more); the others carry on behind the balancer
#   deploy/local/lib/faults.sh heal instance     deploy/local/up.sh, which starts the killed instances again
# All output goes to stderr.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=kafka.sh
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

# Two consumers, one of them the screens' gateway: a crash of each kind of service at once.
FAULT_SERVICES=(command-gateway resource-dispatch)
# One consumer of incident-events whose database goes away alone: the others go on, and it must hold its events
# (not dead-letter them) until its database is back, then apply every one.
FAULT_CONSUMER_DATABASE=material_reserves

# kill_hard NAME PID: SIGKILL, then wait until it is gone, so a restart cannot race the dying process for its port.
kill_hard() {
  local name="$1" pid="$2" tries=0
  log "kill -9 $name (pid $pid)"
  kill -KILL "$pid"
  while pid_alive "$pid" && ((tries++ < 50)); do sleep 0.1; done
  pid_alive "$pid" && die "$name (pid $pid) survived SIGKILL"
  return 0
}

fault_inject_broker() {
  local pid
  pid="$(kafka_running_pid)" || die "no Kafka broker started by these scripts is running"
  kill_hard kafka "$pid"
}

fault_heal_broker() {
  kafka_start
  kafka_setup
}

fault_inject_postgres() {
  local line version cluster
  line="$(postgres_cluster_on_port)" || die "no PostgreSQL cluster on port $PG_PORT (pg_lsclusters)"
  read -r version cluster _ <<<"$line"
  log "PostgreSQL: stopping cluster $version/$cluster in immediate mode"
  # Immediate: no checkpoint, connections cut mid-transaction, crash recovery on the next start, like a power cut.
  pg_ctlcluster --skip-systemctl-redirect -m immediate "$version" "$cluster" stop
}

fault_heal_postgres() {
  postgres_ensure_running
}

# New connections refused and open ones cut, as an unreachable database looks to the service; the server and the other
# databases stay up, so the rest of the stack (and a test run beside it) goes on.
fault_inject_postgres-consumer() {
  log "PostgreSQL: database $FAULT_CONSUMER_DATABASE refuses connections, its open ones cut"
  postgres_superuser_psql -t <<SQL >/dev/null
ALTER DATABASE $FAULT_CONSUMER_DATABASE ALLOW_CONNECTIONS false;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$FAULT_CONSUMER_DATABASE';
SQL
}

fault_heal_postgres-consumer() {
  log "PostgreSQL: database $FAULT_CONSUMER_DATABASE takes connections again"
  postgres_superuser_psql <<SQL
ALTER DATABASE $FAULT_CONSUMER_DATABASE ALLOW_CONNECTIONS true;
SQL
}

fault_inject_services() {
  local s pid
  for s in "${FAULT_SERVICES[@]}"; do
    pid="$(running_pid "$s" "$(service_jar "$s")")" || die "$s is not running (no live pid file)"
    kill_hard "$s" "$pid"
  done
}

# The gateway alone: what must recover is its restart on a topic holding one incident's long report chain.
fault_inject_busy-incident() {
  local pid
  pid="$(running_pid command-gateway "$(service_jar command-gateway)")" || die "command-gateway is not running"
  kill_hard command-gateway "$pid"
}

fault_heal_busy-incident() {
  # Nothing tuned for it (no max.poll.records or heap of its own): the restart must recover with the defaults.
  "$REPO_ROOT/deploy/local/up.sh"
}

# A cold gateway: what must hold is its start with a large picture and a whole wall of screens joining at once.
fault_inject_cold-gateway() {
  fault_inject_busy-incident
}

fault_heal_cold-gateway() {
  fault_heal_busy-incident
}

# One instance of every service at once: its HTTP requests in flight, its partitions, the outbox relay's lock if it held
# it, the gateway's screens. The remaining instances must carry all of it.
fault_inject_instance() {
  local s pid
  (($(stack_instances) > 1)) ||
    die "the stack runs one instance of each service: start it with deploy/local/up.sh --instances 2"
  for s in "${SERVICES[@]}"; do
    pid="$(running_pid "$s" "$(service_jar "$s")")" || die "$s is not running (no live pid file)"
    kill_hard "$s" "$pid"
  done
}

fault_heal_instance() {
  fault_heal_services
}

fault_heal_services() {
  # up.sh leaves what runs alone and starts only what is missing, with the same environment as at first start;
  # it returns once every service is ready again.
  "$REPO_ROOT/deploy/local/up.sh"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  exec >&2
  case "${1:-} ${2:-}" in
    "inject broker" | "heal broker" | "inject postgres" | "heal postgres" | "inject services" | "heal services" | \
      "inject busy-incident" | "heal busy-incident" | "inject cold-gateway" | "heal cold-gateway" | "inject postgres-consumer" | "heal postgres-consumer" | \
      "inject instance" | "heal instance")
      "fault_$1_$2"
      ;;
    *)
      echo "usage: $0 inject|heal broker|postgres|postgres-consumer|services|busy-incident|cold-gateway|instance" >&2
      exit 2
      ;;
  esac
fi

#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Fault runs against the running local stack (start it with deploy/local/up.sh first). Each fault gets its own run:
# reports at a fixed rate with screens connected, the fault injected part-way through (lib/faults.sh), healed after a
# fixed time, then, once every service is ready again, an audit of what was accepted against what every service and
# screen has. Exits 1 if an accepted report was lost anywhere, a 5xx other than 503 was answered, a service broke
# exactly-once, or a record was dead-lettered during the run (the load is all valid: no fault may park an event). The hostile-screen case is a run of B6 (the gateway's fan-out) with screens that resume from an old
# position over and over and never read; it fails if the other screens' p99 grows beyond twice B6's without them.
# The cold-gateway case restarts the gateway with a large picture and connects a wall of screens as it comes up.
# See docs/performance.md for how to read the output.
set -euo pipefail

LIB_DIR="$(dirname "${BASH_SOURCE[0]}")/lib"
# shellcheck source=lib/common.sh
source "$LIB_DIR/common.sh"
# shellcheck source=lib/harness.sh
source "$LIB_DIR/harness.sh"
refuse_foreign_state

ALL_FAULTS=(broker postgres postgres-consumer services busy-incident hostile-screen cold-gateway)
# Only a stack of several instances can lose one (up.sh --instances N).
(($(stack_instances) > 1)) && ALL_FAULTS+=(instance)

usage() {
  cat <<EOF
usage: $(basename "$0") [options] [FAULT...]

Injects each FAULT in its own run, one after another (default: ${ALL_FAULTS[*]}):
  broker     kill -9 the Kafka broker, restart it after the fault time (lib/kafka.sh start)
  postgres   stop PostgreSQL in immediate mode, start it after the fault time (lib/postgres.sh start)
  postgres-consumer
             take material-reserves' database away (connections refused and cut; the server stays up), give
             it back after the fault time; the issue's 15-minute outage is
             --seconds 960 --fault-at 30 --fault-seconds 900
  services   kill -9 command-gateway and resource-dispatch, start them after the fault time (up.sh)
  busy-incident
             first file --follow-ups follow-ups on one incident, then kill -9 command-gateway under the load and
             start it with default settings (up.sh); passes if it counts every report with its item within 16 KiB
  hostile-screen
             B6's screens, then the same with --hostile screens that send {"resume": <old position>} every
             second (and unsolicited pongs) and never read, reconnecting whenever closed; fails if the healthy
             screens' p99 is more than twice what it was without them (the 2x bound of the hardening issue)
  instance   (a stack started with up.sh --instances 2 or more; in the default list only then) kill -9 the first
             instance of every service under the load, start them again after the fault time (up.sh); reports
             carry an Idempotency-Key, as a field client's do, and screens resume from their last position when
             dropped: fails on a lost report, a duplicate effect, a 5xx other than 503, or a screen that resumed
             and then misses or repeats a change
  cold-gateway
             bring the picture to --cold-incidents open incidents (reports filed if it holds fewer), kill -9
             command-gateway, start it (up.sh) and, from its readiness, connect --cold-screens screens over 10 s;
             fails unless every screen gets a snapshot holding every open incident (the efficiency issue's cold
             gateway)
options:
  --rate R            reports/s, sent at a fixed rate whatever the answers (default 50)
  --seconds N         length of each run's load (default 60)
  --fault-at N        seconds into the run the fault is injected (default 15)
  --fault-seconds N   seconds between injecting and restarting (default 10)
  --screens N         screens connected during the run; they reconnect after a drop (default 20)
  --follow-ups N      follow-ups on the busy incident (default 3000)
  --hostile N         hostile-screen: how many hostile screens (default 2)
  --cold-incidents N  cold-gateway: open incidents on the picture before the restart (default 10000)
  --cold-screens N    cold-gateway: screens connecting as it comes up (default 200)
  --settle N          after recovery, longest wait for every service to catch up before counting losses (default 300)
  --ready-timeout N   longest wait for every service to be ready again (default 400)
  --short             smoke run: 20 s of load, fault at 5 s for 5 s, 10 screens; cold-gateway: 1000 incidents,
                      50 screens
  --force-postgres    stop PostgreSQL even while other databases on it are in use (e.g. a ./mvnw verify)
  --help              this text

Exit status: 0 if every run passed; 1 if any lost a report, answered a 5xx other than 503, broke exactly-once,
dead-lettered a record or was skipped; 2 on a usage error or when the stack is not up.
EOF
}

rate=50
seconds=60
fault_at=15
fault_seconds=10
screens=20
hostile=2
cold_incidents=10000
cold_screens=200
settle=300
ready_timeout=400
follow_ups=3000
force_postgres=0
faults=()

value_of() {
  [[ -n "${2:-}" && "$2" != --* ]] || { printf 'ERROR: %s needs a value\n' "$1" >&2; usage >&2; exit 2; }
  printf '%s' "$2"
}

args=("$@")
# --short first, wherever it stands, so that options given with it override its values.
for arg in "$@"; do
  if [[ "$arg" == --short ]]; then
    seconds=20 fault_at=5 fault_seconds=5 screens=10 cold_incidents=1000 cold_screens=50
  fi
done
while (($# > 0)); do
  case "$1" in
    --rate) rate="$(value_of "$1" "${2:-}")"; shift ;;
    --seconds) seconds="$(value_of "$1" "${2:-}")"; shift ;;
    --fault-at) fault_at="$(value_of "$1" "${2:-}")"; shift ;;
    --fault-seconds) fault_seconds="$(value_of "$1" "${2:-}")"; shift ;;
    --screens) screens="$(value_of "$1" "${2:-}")"; shift ;;
    --hostile) hostile="$(value_of "$1" "${2:-}")"; shift ;;
    --cold-incidents) cold_incidents="$(value_of "$1" "${2:-}")"; shift ;;
    --cold-screens) cold_screens="$(value_of "$1" "${2:-}")"; shift ;;
    --settle) settle="$(value_of "$1" "${2:-}")"; shift ;;
    --follow-ups) follow_ups="$(value_of "$1" "${2:-}")"; shift ;;
    --ready-timeout) ready_timeout="$(value_of "$1" "${2:-}")"; shift ;;
    --short) ;;
    --force-postgres) force_postgres=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    broker | postgres | postgres-consumer | services | busy-incident | hostile-screen | cold-gateway | instance)
      faults+=("$1") ;;
    *)
      printf 'ERROR: unknown option or fault: %s\n' "$1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done
((${#faults[@]} > 0)) || faults=("${ALL_FAULTS[@]}")
((fault_at + fault_seconds < seconds)) ||
  { printf 'ERROR: the restart (--fault-at + --fault-seconds) must fall inside --seconds\n' >&2; exit 2; }

cd "$REPO_ROOT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/emergency-chaos.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# up.sh starts whatever is down (PostgreSQL, the broker, services), so it undoes any fault an interrupt left in place.
trap 'warn "interrupted: if a fault was in effect, deploy/local/up.sh restores the stack"; exit 130' INT TERM

# PostgreSQL is the machine's shared server: the test tiers run their own databases on it. Stopping it under a
# running ./mvnw verify would fail that build, so the fault waits for a quiet server unless told otherwise.
postgres_other_users() {
  PGPASSWORD="$DB_PASSWORD" psql -X -q -t -A -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d incident_intake -c "
    SELECT string_agg(datname || ' (' || n || ')', ', ') FROM (
      SELECT datname, count(*) AS n FROM pg_stat_activity
       WHERE datname IS NOT NULL AND pid <> pg_backend_pid()
         AND datname <> ALL (string_to_array('$(IFS=,; echo "${DATABASES[*]}")', ','))
       GROUP BY datname) AS others"
}

harness_require_stack
harness_ensure_built
harness_tokens

declare -A result=()
failed=0
for fault in "${faults[@]}"; do
  if [[ "$fault" == postgres ]] && ((!force_postgres)) && others="$(postgres_other_users)" && [[ -n "$others" ]]; then
    warn "skipping the postgres fault: other databases on the server are in use: $others" \
      "(--force-postgres stops it anyway)"
    result[$fault]="SKIPPED (server in use by: $others)"
    failed=1
    continue
  fi
  log "fault run: $fault (progress below, figures in the summary)"
  # Recorded before the run: the services fault restarts two services from whatever jars are on disk now.
  harness_build_note >"$WORK/$fault.build"
  rc=0
  if [[ "$fault" == hostile-screen ]]; then
    # No infrastructure fault: B6 measured twice on the same screens, the second time with hostile ones at work.
    harness_java cn.jinjiang.emergency.bench.GatewayFanoutBench "--screens=$screens" "--stalled-percent=0" \
      "--rate=$rate" "--seconds=$seconds" "--hostile-screens=$hostile" >"$WORK/$fault.txt" || rc=$?
  elif [[ "$fault" == cold-gateway ]]; then
    harness_java cn.jinjiang.emergency.bench.ColdGatewayMain "--incidents=$cold_incidents" \
      "--screens=$cold_screens" "--faults-script=$LIB_DIR/faults.sh" "--ready-timeout-seconds=$ready_timeout" \
      >"$WORK/$fault.txt" || rc=$?
  else
    harness_java cn.jinjiang.emergency.bench.ChaosMain "--fault=$fault" "--faults-script=$LIB_DIR/faults.sh" \
      "--rate=$rate" "--seconds=$seconds" "--fault-at-seconds=$fault_at" "--fault-seconds=$fault_seconds" \
      "--screens=$screens" "--settle-seconds=$settle" "--ready-timeout-seconds=$ready_timeout" \
      "--follow-ups=$follow_ups" \
      >"$WORK/$fault.txt" || rc=$?
  fi
  case "$rc" in
    0) result[$fault]=PASS ;;
    1) result[$fault]=FAIL ;;
    *) result[$fault]="ERROR (harness exit $rc)" ;;
  esac
  ((rc == 0)) || failed=1
done

{
  echo
  echo "================================================================================================"
  echo "Chaos summary, $(date '+%F %T %Z')"
  echo "  command: deploy/local/chaos.sh ${args[*]+${args[*]}}"
  echo "  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(java -version 2>&1 | head -n 1)"
  for fault in "${faults[@]}"; do
    echo
    if [[ ! -f "$WORK/$fault.build" ]]; then
      echo "Fault $fault: ${result[$fault]}"
      continue
    fi
    echo "  build before this run: $(cat "$WORK/$fault.build")"
    if [[ -s "$WORK/$fault.txt" ]]; then
      cat "$WORK/$fault.txt"
    else
      echo "Fault $fault: the harness printed no summary (see the progress output above)"
    fi
  done
  echo
  for fault in "${faults[@]}"; do
    printf '  %-17s %s\n' "$fault" "${result[$fault]}"
  done
  echo "  build after the runs: $(harness_build_note)"
  echo "================================================================================================"
}
exit "$failed"

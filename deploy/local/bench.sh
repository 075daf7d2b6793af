#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Benchmark harness for the running local stack (start it with deploy/local/up.sh first). Prints figures only:
#   B0  the floor: Kafka's own EndToEndLatency on the same broker, and pgbench running intake's first-report
#       transaction on scratch copies of its tables;
#   B1  incident-intake under an open load (fixed arrival rates, latency from the intended send time);
#   B2  report -> screens: many WebSocket screens while reports arrive at a fixed rate;
#   B3  dispatch's recommendations: the index in this JVM (1k/10k/100k units, checked against brute force), then over
#       HTTP from the running service with that many synthetic units added (and removed afterwards);
#   B4  warning approval -> signed CAP Alert on broadcast-cap, at a fixed rate of approvals;
#   B5  material allocation under contention: many dispatchers allocating back to back, then the books checked for
#       oversell and every allocation cancelled;
#   B6  the gateway's fan-out: many screens (some stalled) on the live picture while changes arrive at a fixed rate;
#   before them, the stack's CPU with no load (the idle reading); after them, the resident memory of every process.
# Every stage prints the stack's CPU per unit of work it accepted, the harness's apart. --runs N repeats all of it and
# the summary ends with each target's figure (the median of the runs) and PASS, FAIL or n/a (bench/targets.csv).
# See docs/performance.md for how to read the output.
set -euo pipefail

LIB_DIR="$(dirname "${BASH_SOURCE[0]}")/lib"
# shellcheck source=lib/common.sh
source "$LIB_DIR/common.sh"
# shellcheck source=lib/kafka.sh
source "$LIB_DIR/kafka.sh"
# shellcheck source=lib/harness.sh
source "$LIB_DIR/harness.sh"

# The options, their defaults and the usage are defined once, in the harness (bench/, BenchOption): this script only
# reads the values it is given back, so the Java stages and the script cannot drift apart.
args=("$@")
harness_ensure_built
options="$(harness_java cn.jinjiang.emergency.bench.BenchOptions "$@")" || exit "$?"
if [[ "$options" == usage:* ]]; then
  printf '%s\n' "$options"
  exit 0
fi
# One variable=value a line, for every option (only, units, pgbench_seconds, ...). printf -v, not eval: a value is
# whatever was typed, never code.
while IFS='=' read -r name value; do
  [[ "$name" =~ ^[a-z_]+$ ]] || die "unexpected line from the harness's option parser: $name"
  printf -v "$name" '%s' "$value"
done <<<"$options"

wants() { [[ ",$only," == *",$1,"* ]]; }

cd "$REPO_ROOT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/emergency-bench.XXXXXX")"
E2E_TOPIC=""
SCRATCH_SCHEMA=bench_scratch

intake_psql() {
  PGPASSWORD="$DB_PASSWORD" PGOPTIONS='-c client_min_messages=warning' \
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d incident_intake "$@"
}

# Like pgbench, vacuum before measuring: a stage that follows others (or runs on a server with autovacuum off) would
# otherwise read tables swollen with the dead rows of earlier runs, and measure that.
vacuum_stack() {
  local started=$SECONDS db
  for db in "${DATABASES[@]}"; do
    PGPASSWORD="$DB_PASSWORD" PGOPTIONS='-c client_min_messages=error' \
      psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$db" -c 'VACUUM (ANALYZE)' ||
      die "could not vacuum database $db"
  done
  note "vacuumed the services' databases in $((SECONDS - started)) s"
}

# Whatever happens, the stack is left as found: no throwaway topic, no scratch tables.
cleanup() {
  if [[ -n "$E2E_TOPIC" ]]; then
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
      --command-config "$KAFKA_ADMIN_CONFIG" --delete \
      --topic "$E2E_TOPIC" >/dev/null 2>&1 || warn "could not delete the topic $E2E_TOPIC"
  fi
  intake_psql -c "DROP SCHEMA IF EXISTS $SCRATCH_SCHEMA CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

harness_require_stack
harness_tokens

# ---------------------------------------------------------------------------------------------------------------------
# B0 (a): the broker's own floor, measured by Kafka's tool: produce one record (acks=all), wait until a consumer has
# it, repeat. Nothing of ours is on that path, so B2 can be read as a multiple of it.

b0_kafka() {
  E2E_TOPIC="bench-e2e-$(date +%s)-$$"
  log "B0: Kafka EndToEndLatency, $kafka_messages records of $record_bytes bytes, acks=all, topic $E2E_TOPIC"
  # auto.create.topics.enable=false on this broker: the topic must exist before the tool produces to it.
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
    --command-config "$KAFKA_ADMIN_CONFIG" --create \
    --topic "$E2E_TOPIC" --partitions 1 --replication-factor 1 >/dev/null
  local out
  # Full JIT (not kafka_tool's C1-only): this is a measurement, not a one-off admin command.
  out="$(java -Xmx256m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_LIBS_DIR/*" \
    org.apache.kafka.tools.EndToEndLatency "$KAFKA_HOST:$KAFKA_PORT" "$E2E_TOPIC" "$kafka_messages" all \
    "$record_bytes" "$KAFKA_ADMIN_CONFIG" 2>&1)" || {
    printf '%s\n' "$out" >&2
    die "EndToEndLatency failed (output above)"
  }
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
    --command-config "$KAFKA_ADMIN_CONFIG" --delete \
    --topic "$E2E_TOPIC" >/dev/null
  E2E_TOPIC=""
  local avg p999
  avg="$(sed -n 's/^Avg latency: \([0-9.]*\) ms.*/\1/p' <<<"$out")"
  read -r kafka_p50 kafka_p99 p999 < <(sed -n \
    's/^Percentiles: 50th = \([0-9]*\), 99th = \([0-9]*\), 99.9th = \([0-9]*\).*/\1 \2 \3/p' <<<"$out")
  [[ -n "$kafka_p50" ]] || { printf '%s\n' "$out" >&2; die "could not read EndToEndLatency's percentiles"; }
  kafka_line="$(printf 'p50 %s ms, p99 %s ms, p99.9 %s ms, avg %.1f ms' "$kafka_p50" "$kafka_p99" "$p999" "$avg")"
  note "EndToEndLatency: $kafka_line"
}

# ---------------------------------------------------------------------------------------------------------------------
# B0 (b): intake's first-report transaction alone, in PostgreSQL: insert the incident, its first report, its three
# deadlines, its duplicate links and its outbox event, commit. Scratch tables in a schema of their own: the outbox rows
# must never reach the relay, and the stack's data stays as it was. The scratch tables are made by intake's own Flyway
# migrations, applied in Flyway's order, so they are intake's tables (indexes, checks, foreign keys and all), however
# its schema changes.

# intake_migrations: intake's versioned migrations, in the order Flyway applies them to a new database. The locations
# are intake's quarkus.flyway.locations (else the shared default), looked up in intake's resources and the shared
# module's, as on the service's classpath. The repeatable Java migrations load reference data: only the areas are
# needed (the incidents' foreign key), and they are copied from intake's own table.
intake_migrations() {
  local intake="$REPO_ROOT/services/incident-intake/src/main/resources"
  local shared="$REPO_ROOT/services/shared/src/main/resources"
  local locations location root file version
  locations="$(sed -n 's/^quarkus\.flyway\.locations=//p' "$intake/application.properties")"
  [[ -n "$locations" ]] ||
    locations="$(sed -n 's/^quarkus\.flyway\.locations=//p' "$shared/META-INF/microprofile-config.properties")"
  [[ -n "$locations" ]] || die "could not find intake's quarkus.flyway.locations"
  for location in ${locations//,/ }; do
    location="${location#classpath:}"
    for root in "$intake" "$shared"; do
      for file in "$root/$location"/V*__*.sql; do
        [[ -f "$file" ]] || continue
        version="${file##*/V}"
        version="${version%%__*}"
        printf '%s\t%s\n' "${version//_/.}" "$file"
      done
    done
  done | sort -t $'\t' -k1,1V | cut -f2
}

b0_pgbench() {
  require_cmd pgbench postgresql-client
  log "B0: pgbench, intake's first-report transaction on scratch tables ($SCRATCH_SCHEMA), ${pgbench_seconds} s per run"
  local migrations=()
  mapfile -t migrations < <(intake_migrations)
  ((${#migrations[@]} > 0)) || die "found none of intake's migrations"
  # One transaction: a migration that fails leaves no half-made schema. The migrations name their tables without a
  # schema, so the search path puts them in the scratch schema.
  {
    printf 'DROP SCHEMA IF EXISTS %s CASCADE;\nCREATE SCHEMA %s;\nSET LOCAL search_path TO %s;\n' \
      "$SCRATCH_SCHEMA" "$SCRATCH_SCHEMA" "$SCRATCH_SCHEMA"
    cat "${migrations[@]}"
    # Every column the scratch area table has, by name, so the copy does not depend on their order.
    cat <<SQL
DO \$\$
DECLARE names text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO names
    FROM information_schema.columns WHERE table_schema = '$SCRATCH_SCHEMA' AND table_name = 'area';
  EXECUTE format('INSERT INTO $SCRATCH_SCHEMA.area (%s) SELECT %s FROM public.area', names, names);
END
\$\$;
SQL
  } | intake_psql --single-transaction || die "could not make the scratch tables from intake's migrations"
  local names=("${migrations[@]##*/}")
  note "scratch tables from intake's migrations ${names[*]%%__*}"
  # A real incident.reported envelope (767 bytes), so the outbox row has its usual size. It is bound as a parameter
  # (-D, and -M prepared below): pgbench would read the colons in a JSON literal as its own variables.
  local payload=''
  payload+='{"specversion":"1.0","id":"95d31271-1093-41d9-b3aa-785cc00a89a6","source":"/incident-intake"'
  payload+=',"type":"incident.reported","subject":"255af0dd-5fbb-49e9-a94b-2ddf69a509c5"'
  payload+=',"time":"2026-11-28T15:30:08.889692572Z","datacontenttype":"application/json"'
  payload+=',"dataschema":"https://emergency.jinjiang.gov.cn/schemas/events/incident.reported.schema.json"'
  payload+=',"data":{"incidentId":"255af0dd-5fbb-49e9-a94b-2ddf69a509c5","type":"WATERLOGGING"'
  payload+=',"title":"bench pgbench first report","location":{"latitude":24.7189,"longitude":118.4601}'
  payload+=',"areaCode":"350582100000","occurredAt":"2026-11-28T15:29:08Z"'
  payload+=',"reportedAt":"2026-11-28T15:30:08.856062462Z","reportedBy":"local-duty-officer"'
  payload+=',"casualties":{"deaths":0,"seriousInjuries":1,"minorInjuries":3,"missing":0},"directLossCny":2.5E+5'
  payload+=',"grade":"IV"}}'
  # The statements the service sends, one round trip each, with the columns Hibernate writes (every mapped one, null or
  # not; Hibernate Reactive batches the rows of one table: the three deadlines are one multi-row insert here). Areas
  # and grading rules are cached in the service, so not read. The links to possible duplicates are written with one
  # INSERT ... SELECT, where the service reads the candidates and inserts the nearest: one round trip fewer than the
  # service's. Table names are unqualified, as the service's are: the search path finds the scratch schema.
  cat >"$WORK/first-report.sql" <<'SQL'
BEGIN;
INSERT INTO incident (id, type, title, latitude, longitude, area_code, occurred_at, reported_at, reported_by, deaths,
    serious_injuries, minor_injuries, missing, direct_loss_cny, people_evacuated, houses_collapsed, situation,
    actions_taken, assessed_grade, response_level, grade, status, report_count, last_report_at, closed_at, merged_into,
    location_outside_area)
  VALUES (gen_random_uuid(), 'WATERLOGGING', 'bench pgbench first report', 24.7189, 118.4601, '350582100000',
    now() - interval '1 minute', now(), 'local-duty-officer', 0, 1, 3, 0, 250000, 0, 0, NULL, NULL, 'IV', NULL, 'IV',
    'OPEN', 1, now(), NULL, NULL, FALSE)
  RETURNING id \gset
INSERT INTO incident_report (id, incident_id, sequence, kind, reported_at, reported_by, deaths, serious_injuries,
    minor_injuries, missing, direct_loss_cny, people_evacuated, houses_collapsed, situation, actions_taken,
    merged_from, grade)
  VALUES (gen_random_uuid(), :id, 1, 'FIRST', now(), 'local-duty-officer', 0, 1, 3, 0, 250000, 0, 0, NULL, NULL, NULL,
    'IV')
  RETURNING id AS report \gset
INSERT INTO report_deadline (id, incident_id, area_code, kind, due_at, met_at, met_by, overdue_at, cancelled_at)
  VALUES (gen_random_uuid(), :id, '350582100000', 'FIRST_REPORT', now() + interval '59 minutes', now(), :report, NULL,
          NULL),
         (gen_random_uuid(), :id, '350582100000', 'NEXT_REPORT', now() + interval '1 day', NULL, NULL, NULL, NULL),
         (gen_random_uuid(), :id, '350582100000', 'FINAL_REPORT', now() + interval '30 days', NULL, NULL, NULL, NULL);
INSERT INTO possible_duplicate (incident_id, candidate_id, distance_m, found_at, incident_area, candidate_area)
  SELECT :id, id, 0, now(), '350582100000', area_code FROM incident
  WHERE status = 'OPEN' AND type = 'WATERLOGGING' AND id <> :id
    AND occurred_at BETWEEN now() - interval '3 hours' AND now() + interval '3 hours'
    AND latitude BETWEEN 24.7099 AND 24.7279 AND longitude BETWEEN 118.4502 AND 118.4700
  ORDER BY occurred_at DESC LIMIT 5;
INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, created_at, published_at, attempts,
    last_error)
  VALUES (gen_random_uuid(), 'incident-events', :id, 'incident.reported', :payload, now(), NULL, 0, NULL)
  RETURNING position;
COMMIT;
SQL
  local clients
  for clients in 1 "$pgbench_clients"; do
    local out prefix="$WORK/pgbench-$clients" tps avg p50 p99
    out="$(PGPASSWORD="$DB_PASSWORD" PGOPTIONS="-c search_path=$SCRATCH_SCHEMA" pgbench -h "$PG_HOST" -p "$PG_PORT" \
      -U "$DB_USER" -n -M prepared -D "payload=$payload" -f "$WORK/first-report.sql" -c "$clients" \
      -j "$(((clients < 2) ? 1 : 2))" -T "$pgbench_seconds" --log --log-prefix="$prefix" incident_intake 2>&1)" ||
      { printf '%s\n' "$out" >&2; die "pgbench failed (output above)"; }
    tps="$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out")"
    avg="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out")"
    # The per-transaction log (third field: latency in microseconds) gives the percentiles pgbench does not print.
    read -r p50 p99 < <(cat "$prefix".* | awk '{print $3}' | sort -n | awk '
      { v[NR] = $1 }
      END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
            printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
    pgbench_lines+=("$(printf '%d client(s): %.0f TPS, latency avg %s ms, p50 %s ms, p99 %s ms' \
      "$clients" "$tps" "$avg" "$p50" "$p99")")
    note "pgbench: ${pgbench_lines[-1]}"
    rm -f "$prefix".*
    # CASCADE empties every table that refers to an incident, whichever intake's migrations made.
    intake_psql -c "TRUNCATE $SCRATCH_SCHEMA.outbox_event, $SCRATCH_SCHEMA.incident CASCADE" >/dev/null
  done
  intake_psql -c "DROP SCHEMA $SCRATCH_SCHEMA CASCADE" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------------------
# One run: the idle reading, then the chosen stages, then memory. Each stage's output goes to the run's folder, and
# every figure it measures to the run's figures file (BENCH_FIGURES, bench/Figures), which the summary takes the
# median of over the runs and judges against the targets (bench/BenchSummary, targets.csv).

run_stages() {
  local run="$1" out="$WORK/run-$1"
  mkdir -p "$out"
  export BENCH_FIGURES="$out/figures.tsv"
  : >"$BENCH_FIGURES"
  ((runs == 1)) || log "run $run of $runs"

  # First, with no load: what the stack costs doing nothing, so a stage's CPU per unit can be read against it.
  if ((idle_seconds > 0)); then
    harness_java cn.jinjiang.emergency.bench.IdleStack "--seconds=$idle_seconds" >"$out/idle.txt" ||
      die "the idle reading failed (output above)"
  fi

  kafka_p50="" kafka_p99="" kafka_line="not run" pgbench_lines=()
  if wants b0; then
    b0_kafka
    b0_pgbench
    {
      echo
      echo "B0 floor"
      echo "  Kafka EndToEndLatency ($kafka_messages x $record_bytes B, acks=all, 1 partition): $kafka_line"
      echo "  pgbench, intake's first-report transaction (incident, report, 3 deadlines, duplicate links, outbox row):"
      for line in "${pgbench_lines[@]}"; do echo "    $line"; done
    } >"$out/b0.txt"
  fi

  local java_stages=()
  wants b2 && java_stages+=(b2)
  wants b1 && java_stages+=(b1)
  if ((${#java_stages[@]} > 0)); then
    log "B1/B2: the Java harness (progress below, figures in the summary)"
    vacuum_stack
    harness_java cn.jinjiang.emergency.bench.BenchMain \
      "--stages=$(IFS=,; echo "${java_stages[*]}")" "--warmup-seconds=$warmup" "--warmup-rate=$warmup_rate" \
      "--rates=$rates" "--stage-seconds=$stage_seconds" "--screens=$screens" "--screen-rate=$screen_rate" \
      "--screen-seconds=$screen_seconds" "--grace-seconds=$grace" "--drain-timeout-seconds=$drain_timeout" \
      "--kafka-p50-ms=$kafka_p50" "--kafka-p99-ms=$kafka_p99" >"$out/java-summary.txt" ||
      die "the Java harness failed (output above)"
  fi

  if wants b3; then
    log "B3: recommendations, in process and over HTTP"
    harness_java cn.jinjiang.emergency.bench.RecommendationBench "--sizes=$units" "--queries=$index_queries" \
      >"$out/b3-index.txt" || die "the in-process recommendation benchmark failed (output above)"
    harness_java cn.jinjiang.emergency.bench.RecommendationHttpBench "--sizes=$units" "--rate=$recommend_rate" \
      "--seconds=$recommend_seconds" >"$out/b3-http.txt" || die "the recommendation benchmark failed (output above)"
  fi

  if wants b4; then
    log "B4: warning approval to CAP on the topic"
    harness_java cn.jinjiang.emergency.bench.WarningIssueBench "--rate=$approve_rate" "--seconds=$approve_seconds" \
      "--warmup-seconds=$approve_warmup" >"$out/b4.txt" ||
      die "the warning benchmark failed (output above)"
  fi

  if wants b5; then
    log "B5: material allocation under contention"
    vacuum_stack
    harness_java cn.jinjiang.emergency.bench.AllocationBench "--clients=$alloc_clients" "--seconds=$alloc_seconds" \
      "--warmup-seconds=$alloc_warmup" >"$out/b5.txt" ||
      die "the allocation benchmark failed (output above)"
  fi

  if wants b6; then
    log "B6: the gateway's fan-out to $fanout_screens screens, $fanout_stalled % of them stalled"
    vacuum_stack
    BENCH_GATEWAY_PID="$(cat "$(pid_file command-gateway)" 2>/dev/null || true)" \
      harness_java cn.jinjiang.emergency.bench.GatewayFanoutBench "--screens=$fanout_screens" \
      "--stalled-percent=$fanout_stalled" "--rate=$fanout_rate" "--seconds=$fanout_seconds" >"$out/b6.txt" ||
      die "the fan-out benchmark failed (output above)"
  fi

  {
    echo
    echo "Resident memory at the end of the run"
    harness_java cn.jinjiang.emergency.bench.StackMemory
  } >"$out/memory.txt" || die "reading the stack's memory failed (output above)"
}

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a whole number of 1 or more, not $runs"
[[ "$idle_seconds" =~ ^[0-9]+$ ]] || die "--idle-seconds needs a whole number of seconds, not $idle_seconds"
for ((run = 1; run <= runs; run++)); do
  run_stages "$run"
done

figure_files=()
{
  echo
  echo "================================================================================================"
  echo "Benchmark summary, $(date '+%F %T %Z')"
  echo "  command: deploy/local/bench.sh ${args[*]+${args[*]}}"
  echo "  build:   $(harness_build_note)"
  echo "  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(java -version 2>&1 | head -n 1)"
  for ((run = 1; run <= runs; run++)); do
    if ((runs > 1)); then
      echo
      echo "------------------------------------------------ run $run of $runs ------------------------------------------------"
    fi
    for part in idle b0 java-summary b3-index b3-http b4 b5 b6 memory; do
      [[ -s "$WORK/run-$run/$part.txt" ]] && cat "$WORK/run-$run/$part.txt"
    done
    figure_files+=("$WORK/run-$run/figures.tsv")
  done
  harness_java cn.jinjiang.emergency.bench.BenchSummary "${figure_files[@]}" ||
    echo "(the targets could not be judged: output above)"
  echo "================================================================================================"
}

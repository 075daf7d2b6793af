#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Keeps the local stack's databases and its broker's data together. The databases live on the machine's shared
# PostgreSQL server while the Kafka log lives in this checkout's .local/kafka, so either can outlive the other (a purge,
# a second checkout). Each database's comment names the Kafka cluster its data came with; up.sh refuses to run the
# services against a log that is not the one their outboxes and consumer offsets describe. Sourced, never run.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

stack_cluster_id() {
  sed -n 's/^cluster\.id=//p' "$KAFKA_DATA_DIR/meta.properties" 2>/dev/null
}

# Run once the broker has started; a broker whose storage is new (KAFKA_UNPAIRED) holds no events yet.
stack_pair_databases() {
  local fresh_broker=0 cluster db comment owner tables
  [[ -f "$KAFKA_UNPAIRED" ]] && fresh_broker=1
  cluster="$(stack_cluster_id)"
  if [[ -z "$cluster" ]]; then
    warn "no cluster id in ${KAFKA_DATA_DIR#"$REPO_ROOT"/}/meta.properties (a broker these scripts did not start?);" \
      "not checking that the databases belong to it"
    return 0
  fi
  for db in "${DATABASES[@]}"; do
    comment="$(postgres_superuser_psql -t -A -v db="$db" \
      <<<"SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = :'db'")"
    owner="$(sed -n 's/.*kafka-cluster=\([^ ]*\).*/\1/p' <<<"$comment")"
    if [[ "$owner" == "$cluster" ]]; then
      continue
    fi
    if [[ -n "$owner" ]]; then
      die "database $db holds the state of another local stack (${comment#emergency local stack: }), not of this\
 checkout's broker (kafka-cluster=$cluster): its events and consumer offsets would not match this log.\
 Run deploy/local/down.sh --purge to reset both, or use the checkout that owns it."
    fi
    tables="$(PGPASSWORD="$DB_PASSWORD" psql -X -q -t -A -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$db" \
      -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
    if ((fresh_broker)) && ((tables > 0)); then
      die "database $db has data but this checkout's broker was just created empty: the outbox would say\
 'published' for events this log never held. Run deploy/local/down.sh --purge to reset both."
    fi
    postgres_superuser_psql -v db="$db" -v comment="emergency local stack: kafka-cluster=$cluster checkout=$REPO_ROOT" \
      <<<"SELECT format('COMMENT ON DATABASE %I IS %L', :'db', :'comment') \gexec" >/dev/null
  done
  rm -f "$KAFKA_UNPAIRED"
  log "PostgreSQL: databases paired with Kafka cluster $cluster"
}

# Drops the stack's databases (the services must be stopped); the next up.sh creates them empty.
stack_drop_databases() {
  local db extra
  # Also the gateway's databases of instances beyond the count now recorded (a stack once run with more of them).
  extra="$(postgres_superuser_psql -t -A <<<"SELECT datname FROM pg_database WHERE datname ~ '^command_gateway_[0-9]+$'")"
  for db in "${DATABASES[@]}" $extra; do
    postgres_superuser_psql -v db="$db" \
      <<<"SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec" >/dev/null ||
      die "could not drop database $db"
  done
}

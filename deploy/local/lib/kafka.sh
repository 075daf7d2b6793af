#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The local single-node KRaft broker, run from the jars the deploy/kafka Maven module fetches (no Docker, no tarball).
#
# Sourced by up.sh/down.sh for its functions; also runnable alone:
#   deploy/local/lib/kafka.sh start     fetch jars if needed, format storage once, start the broker, run BrokerSetup
#   deploy/local/lib/kafka.sh stop      stop the broker started by these scripts
#   deploy/local/lib/kafka.sh topics    run BrokerSetup (topics, service users, ACLs) on the running broker, list topics
#   deploy/local/lib/kafka.sh status    say whether the broker runs

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_TEMPLATE="$REPO_ROOT/deploy/local/kafka/server.properties.template"
KAFKA_LOG="$LOGS_DIR/kafka.log"
# The config path on the command line tells our broker apart from any other Kafka on the machine.
KAFKA_MARKER="kafka.Kafka $KAFKA_CONFIG"

kafka_libs_present() {
  compgen -G "$KAFKA_LIBS_DIR/kafka_2.13-*.jar" >/dev/null && compgen -G "$KAFKA_LIBS_DIR/kafka-tools-*.jar" >/dev/null &&
    compgen -G "$KAFKA_LIBS_DIR/kafka-broker-*.jar" >/dev/null
}

# The project's own broker tools (BrokerSetup, DeadLetterReplay) are classes of deploy/kafka: a checkout that pulled a
# change to them must not run the ones built before it (a stale BrokerSetup once refused a new topic-access.csv).
kafka_tools_stale() {
  local built="$REPO_ROOT/deploy/kafka/target/classes/cn/jinjiang/emergency/kafka/BrokerSetup.class"
  [[ ! -f "$built" ]] && return 0
  [[ -n "$(find "$REPO_ROOT/deploy/kafka/src/main" "$REPO_ROOT/deploy/kafka/pom.xml" -newer "$built" -type f -print -quit)" ]]
}

kafka_ensure_libs() {
  if kafka_libs_present && ! kafka_tools_stale; then
    return 0
  fi
  require_cmd java openjdk-17-jdk-headless
  if kafka_libs_present; then
    log "Kafka: deploy/kafka changed since it was built: rebuilding the broker tools"
  else
    log "Kafka: fetching the broker jars into deploy/kafka/target/libs (first run only)"
  fi
  # Maven's -q output (errors only) goes to stderr with ours so that stdout stays for results.
  if ! mvnw -q -pl deploy/kafka package >&2; then
    # -pl reads every module's POM; while a sibling module is missing or broken, the module's own POM still works.
    warn "reactor build of deploy/kafka failed; retrying with deploy/kafka/pom.xml alone"
    mvnw -q -f deploy/kafka/pom.xml package >&2 ||
      die "could not fetch the Kafka broker jars (Maven output above); try: ./mvnw -pl deploy/kafka package"
  fi
  kafka_libs_present || die "Maven ran but $KAFKA_LIBS_DIR has no kafka_2.13/kafka-tools/kafka-broker jars"
}

# Kafka's command-line tools: small heap and quick JIT because they run for seconds; slf4j-simple logs INFO to stderr
# by default, which would bury the one line that matters.
kafka_tool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$KAFKA_LIBS_DIR/*" "$@"
}

# The admin password is made once, with the storage: the broker's metadata holds its SCRAM credential from formatting
# on, so storage without the password it was formatted with cannot be administered.
kafka_admin_password() {
  local file="$KAFKA_CREDENTIALS_DIR/admin.password"
  if [[ ! -s "$file" ]]; then
    [[ -f "$KAFKA_DATA_DIR/meta.properties" ]] &&
      die "Kafka storage in $(rel "$KAFKA_DATA_DIR") has no admin password beside it (formatted before the broker required authentication?); reset the stack: deploy/local/down.sh --purge"
    mkdir -p "$KAFKA_CREDENTIALS_DIR"
    (umask 077 && tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 >"$file")
  fi
  cat "$file"
}

# Rendered on every start so template edits apply; rewritten only when it changed, to keep its timestamp meaningful.
# It holds the admin password, as does the tools' client config beside it: both readable by their owner only.
kafka_write_config() {
  [[ -f "$KAFKA_TEMPLATE" ]] || die "missing $KAFKA_TEMPLATE"
  mkdir -p "$KAFKA_DIR"
  local tmp="$KAFKA_CONFIG.tmp.$$" escaped password
  password="$(kafka_admin_password)"
  escaped="$(printf '%s' "$KAFKA_DATA_DIR" | sed 's/[\\&|]/\\&/g')"
  (umask 077 && sed -e "s|@KAFKA_DATA_DIR@|$escaped|g" -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@ADMIN_PASSWORD@|$password|g" "$KAFKA_TEMPLATE" >"$tmp")
  if cmp -s "$tmp" "$KAFKA_CONFIG"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$KAFKA_CONFIG"
  fi
  (umask 077 && printf '%s\n' 'security.protocol=SASL_PLAINTEXT' 'sasl.mechanism=SCRAM-SHA-512' \
    "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$password\";" \
    >"$KAFKA_ADMIN_CONFIG")
  # kcat (librdkafka) reads its own format; PLAIN because Debian's librdkafka cannot do SCRAM with Kafka 4.
  (umask 077 && printf '%s\n' 'security.protocol=SASL_PLAINTEXT' 'sasl.mechanisms=PLAIN' 'sasl.username=admin' \
    "sasl.password=$password" >"$KAFKA_KCAT_CONFIG")
}

# A service's SCRAM password, made by BrokerSetup on the stack's first start.
kafka_service_password() {
  local file="$KAFKA_CREDENTIALS_DIR/$1.password"
  [[ -s "$file" ]] || die "no Kafka password for $1 in $(rel "$KAFKA_CREDENTIALS_DIR"); run deploy/local/up.sh"
  tr -d '\n' <"$file"
}

# Formatting twice would refuse (or, forced, wipe the cluster), so only an unformatted data dir is formatted.
kafka_format() {
  [[ -f "$KAFKA_DATA_DIR/meta.properties" ]] && return 0
  log "Kafka: formatting new KRaft storage in ${KAFKA_DATA_DIR#"$REPO_ROOT"/}"
  local cluster_id out
  cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)" || die "kafka StorageTool random-uuid failed"
  [[ -n "$cluster_id" ]] || die "kafka StorageTool random-uuid printed nothing"
  # The admin's SCRAM credential goes into the first metadata: nothing could log in to the broker to create it later.
  if ! out="$(kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" --standalone \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$(kafka_admin_password)]" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "formatting Kafka storage in $KAFKA_DATA_DIR failed (output above)"
  fi
  # An empty log has no databases yet: lib/stack.sh pairs it with them, and refuses databases that already hold data.
  touch "$KAFKA_UNPAIRED"
}

kafka_running_pid() {
  running_pid kafka "$KAFKA_MARKER"
}

kafka_start() {
  local pid
  if pid="$(kafka_running_pid)"; then
    log "Kafka: broker already running (pid $pid)"
  elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    # Two brokers cannot share the port; whatever answers there is what the services will use.
    warn "Kafka: $KAFKA_HOST:$KAFKA_PORT already answers but was not started by these scripts; using it as is"
    return 0
  else
    kafka_ensure_libs
    require_cmd java openjdk-17-jdk-headless
    ensure_state_dirs
    kafka_write_config
    kafka_format
    log "Kafka: starting broker on $KAFKA_HOST:$KAFKA_PORT (log: ${KAFKA_LOG#"$REPO_ROOT"/})"
    start_detached kafka "$KAFKA_DIR" env MALLOC_ARENA_MAX=2 java -Xmx384m \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat='yyyy-MM-dd HH:mm:ss.SSS' \
      -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$KAFKA_CONFIG"
  fi
  kafka_wait_ready
}

# An open port is the broker's own sign of life; the topic listing afterwards (with retries) covers the few seconds in
# which it accepts connections but has not finished loading its metadata.
kafka_wait_ready() {
  local deadline=$((SECONDS + 60)) pid
  until port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
    if ! pid="$(kafka_running_pid)"; then
      show_log_tail "$KAFKA_LOG" 40
      die "Kafka broker exited during startup; see $KAFKA_LOG"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$KAFKA_LOG" 40
      die "Kafka broker (pid $pid) did not open $KAFKA_HOST:$KAFKA_PORT within 60 s; see $KAFKA_LOG"
    fi
    sleep 1
  done
  log "Kafka: broker answering on $KAFKA_HOST:$KAFKA_PORT"
}

kafka_stop() {
  if ! kafka_running_pid >/dev/null; then
    log "Kafka: no broker started by these scripts is running"
    return 0
  fi
  # A clean shutdown flushes segments and the metadata log; 30 s is plenty for one idle node.
  stop_processes 30 "kafka:$KAFKA_MARKER"
}

kafka_list_topics() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
    --command-config "$KAFKA_ADMIN_CONFIG" --list
}

# BrokerSetup (deploy/kafka) makes the broker match schemas/topic-access.csv: missing topics and dead-letter topics,
# a SCRAM user per service (password generated once into the credentials folder), each service's ACLs. One JVM for
# all of it; retried because a broker that just opened its port may not have loaded its metadata yet.
kafka_setup() {
  kafka_ensure_libs
  local out attempt
  for attempt in 1 2 3 4 5; do
    if out="$(kafka_tool cn.jinjiang.emergency.kafka.BrokerSetup --bootstrap "$KAFKA_HOST:$KAFKA_PORT" \
      --admin-config "$KAFKA_ADMIN_CONFIG" --access "$KAFKA_ACCESS_TABLE" --credentials "$KAFKA_CREDENTIALS_DIR" \
      --partitions "$KAFKA_TOPIC_PARTITIONS" --dlq-partitions "$KAFKA_DLQ_PARTITIONS" 2>&1)"; then
      sed 's/^/    /' <<<"$out" >&2
      log "Kafka: topics, service users and ACLs match $(rel "$KAFKA_ACCESS_TABLE")"
      return 0
    fi
    ((attempt < 5)) && sleep 3
  done
  printf '%s\n' "$out" >&2
  die "BrokerSetup failed on $KAFKA_HOST:$KAFKA_PORT (output above); broker log: $KAFKA_LOG"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      stop_started_on_failure
      kafka_start
      kafka_setup
      ;;
    stop) kafka_stop ;;
    topics)
      kafka_setup
      kafka_list_topics
      ;;
    status)
      if pid="$(kafka_running_pid)"; then
        echo "running (pid $pid)"
      elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
        echo "a broker not started by these scripts answers on $KAFKA_HOST:$KAFKA_PORT"
      else
        echo "stopped"
        exit 3
      fi
      ;;
    *)
      echo "usage: $0 start|stop|topics|status" >&2
      exit 2
      ;;
  esac
fi

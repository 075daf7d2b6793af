#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The dead-letter topics of the local stack: how many records wait in each, which, and putting them back once their
# cause is fixed. Runs deploy/kafka's DeadLetterReplay from the broker's classpath, as up.sh runs BrokerSetup.
#   deploy/local/dlq.sh depth                 every <topic>.dlq with the number of dead letters not replayed yet
#   deploy/local/dlq.sh list incident-events  those of one topic: offset, key, the record they were, the reason
#   deploy/local/dlq.sh replay incident-events
# A replay re-publishes each waiting dead letter of TOPIC.dlq to TOPIC (same key, value and headers, without the
# dead-letter-* ones) as TOPIC's writer, and commits how far it got in the group dlq-replay-TOPIC: running it again
# publishes nothing twice. Consumers apply an event once, so a replayed event some consumer had applied is a no-op there.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/kafka.sh"

usage() {
  cat >&2 <<USAGE
usage: $(basename "$0") depth | list TOPIC | replay TOPIC

  depth         every dead-letter topic with the number of records not replayed yet
  list TOPIC    the dead letters of TOPIC not replayed yet, with the reason each was dead-lettered
  replay TOPIC  put them back on TOPIC (as its writer), once; then they no longer count
TOPIC is a topic of $(rel "$KAFKA_ACCESS_TABLE"), e.g. incident-events.
USAGE
}

# The local stack's broker and logins; a test points these at a broker of its own.
DLQ_BOOTSTRAP="${DLQ_BOOTSTRAP:-$KAFKA_HOST:$KAFKA_PORT}"
DLQ_ADMIN_CONFIG="${DLQ_ADMIN_CONFIG:-$KAFKA_ADMIN_CONFIG}"
DLQ_CREDENTIALS_DIR="${DLQ_CREDENTIALS_DIR:-$KAFKA_CREDENTIALS_DIR}"

case "${1:-}" in
  depth) (($# == 1)) || { usage; exit 2; } ;;
  list | replay) (($# == 2)) || { usage; exit 2; } ;;
  -h | --help) usage; exit 0 ;;
  *) usage; exit 2 ;;
esac

kafka_ensure_libs
[[ -s "$DLQ_ADMIN_CONFIG" ]] || die "no $(rel "$DLQ_ADMIN_CONFIG"): start the stack first (deploy/local/up.sh)"
kafka_tool cn.jinjiang.emergency.kafka.DeadLetterReplay --bootstrap "$DLQ_BOOTSTRAP" \
  --access "$KAFKA_ACCESS_TABLE" --credentials "$DLQ_CREDENTIALS_DIR" --admin-config "$DLQ_ADMIN_CONFIG" "$@"

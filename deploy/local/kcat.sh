#!/usr/bin/env bash
# kcat against the local broker as its admin user: the broker requires authentication, and this adds the bootstrap
# address and the credentials from .local/kafka (written by up.sh). Every argument goes to kcat, e.g.
#   deploy/local/kcat.sh -C -t incident-events -e -f '%k %h %s\n'
#   deploy/local/kcat.sh -L
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_cmd kcat kcat
[[ -s "$KAFKA_KCAT_CONFIG" ]] || die "no $(rel "$KAFKA_KCAT_CONFIG"): start the stack first (deploy/local/up.sh)"
exec kcat -b "$KAFKA_HOST:$KAFKA_PORT" -F "$KAFKA_KCAT_CONFIG" "$@"

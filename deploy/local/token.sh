#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Prints a signed RS256 JWT for the local stack, alone on the last line of stdout, so that
#   TOKEN=$(deploy/local/token.sh dispatcher)
# works. Everything else goes to stderr. The services verify it with .local/jwt/public.pem (JWT_PUBLIC_KEY in up.sh).
# Plain bash + openssl on purpose: a token must be obtainable without building or starting anything Java.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ISSUER="https://emergency.jinjiang.local/issuer"
TTL_SECONDS=$((8 * 60 * 60)) # one working shift
ROLES=(duty-officer dispatcher commander warehouse-keeper broadcast-system viewer admin)

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") ROLE [AREA_CODE]

Prints a signed JWT (RS256, valid 8 hours) for the local stack.
  ROLE       one of: ${ROLES[*]}
  AREA_CODE  12-digit administrative area code, put in the area_code claim;
             required for duty-officer, optional for the other roles

examples:
  TOKEN=\$($0 dispatcher)
  TOKEN=\$($0 duty-officer 350582100000)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8080/q/health
EOF
}

# base64url without padding (RFC 7515), from stdin.
b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# A random (version 4) UUID, without depending on uuidgen, which a fresh Debian lacks.
new_uuid() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then
    cat /proc/sys/kernel/random/uuid
  else
    local h
    h="$(openssl rand -hex 16)"
    printf '%s-%s-4%s-%x%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" $((0x${h:16:1} & 0x3 | 0x8)) "${h:17:3}" "${h:20:12}"
  fi
}

main() {
  if [[ $# -ge 1 && ("$1" == -h || "$1" == --help) ]]; then
    usage
    exit 0
  fi
  if [[ $# -lt 1 || $# -gt 2 ]]; then
    usage
    exit 2
  fi

  local role="$1" area="${2:-}" known=0 r
  for r in "${ROLES[@]}"; do
    [[ "$role" == "$r" ]] && known=1
  done
  if ((!known)); then
    printf 'ERROR: unknown role: %s\n' "$role" >&2
    usage
    exit 2
  fi
  # The value is spliced into JSON below; twelve digits also rules out any escaping problem.
  if [[ -n "$area" && ! "$area" =~ ^[0-9]{12}$ ]]; then
    printf 'ERROR: AREA_CODE must be 12 digits, got: %s\n' "$area" >&2
    usage
    exit 2
  fi
  # A duty officer reports only for their own area: a token without one would be refused by the services anyway.
  if [[ "$role" == duty-officer && -z "$area" ]]; then
    printf 'ERROR: role duty-officer requires AREA_CODE (12 digits)\n' >&2
    usage
    exit 2
  fi

  ensure_jwt_keys

  local now exp user header claims signing_input signature
  now="$(date +%s)"
  exp=$((now + TTL_SECONDS))
  user="local-$role"
  header='{"alg":"RS256","typ":"JWT","kid":"local"}'
  claims="$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"' \
    "$ISSUER" "$user" "$user" "$role" "$now" "$exp" "$(new_uuid)")"
  [[ -n "$area" ]] && claims+="$(printf ',"area_code":"%s"' "$area")"
  claims+='}'

  signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_PRIVATE_PEM" -binary | b64url)" ||
    die "openssl could not sign with $JWT_PRIVATE_PEM"
  [[ -n "$signature" ]] || die "openssl produced an empty signature"
  printf '%s.%s\n' "$signing_input" "$signature"
}

main "$@"

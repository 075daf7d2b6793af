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
# The roles and claim names are the services' own (services/shared, security/Roles.java): see known_roles.
roles_text="$(known_roles)"
mapfile -t ROLES <<<"$roles_text"
AREA_CLAIM="$(roles_constant AREA_CLAIM)"
UNIT_CLAIM="$(roles_constant UNIT_CLAIM)"
JURISDICTION_CLAIM="$(roles_constant JURISDICTION_CLAIM)"
# The command centre's roles (Roles.COMMAND_CENTRE): their tokens must name a jurisdiction, or the services refuse them.
command_centre_text="$(roles_list COMMAND_CENTRE)"
mapfile -t COMMAND_CENTRE <<<"$command_centre_text"
# The prefecture's: it sees both counties.
DEFAULT_JURISDICTION=350500
# A rescue unit's terminal reports for one unit of dispatch's registry; without a call sign, its first unit.
UNITS_CSV="$REPO_ROOT/services/resource-dispatch/src/main/resources/db/reference/units.csv"

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") ROLE [AREA_CODE] [--sub NAME] [--jurisdiction 350582|350502|350500]
       $(basename "$0") rescue-unit [CALL_SIGN] [--sub NAME]

Prints a signed JWT (RS256, valid 8 hours) for the local stack.
  ROLE       one of: ${ROLES[*]}
  AREA_CODE  12-digit administrative area code, put in the $AREA_CLAIM claim;
             required for duty-officer, optional for the other roles
  CALL_SIGN  for rescue-unit: the call sign of the unit its terminal reports for, put in the $UNIT_CLAIM claim
             (default: the first unit of $(rel "$UNITS_CSV"))
  --jurisdiction J
             the command centre's roles only (${COMMAND_CENTRE[*]}): the jurisdiction
             they act in, put in the $JURISDICTION_CLAIM claim: 350582 Jinjiang, 350502 Licheng, 350500 Quanzhou,
             which sees both (default $DEFAULT_JURISDICTION)
  --sub NAME the user the token stands for (sub and upn): letters, digits, dots, dashes, underscores or @,
             at most 64; default local-ROLE, so every token of a role is one user. Two people, e.g. the drafter
             and the second approver of an orange or red warning, need two names.

examples:
  TOKEN=\$($0 dispatcher)
  TOKEN=\$($0 duty-officer 350582100000)
  TOKEN=\$($0 rescue-unit JJ-FIRE-QINGYANG-1)
  TOKEN=\$($0 commander --sub commander-chen)
  TOKEN=\$($0 dispatcher --jurisdiction 350502)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8080/q/health
EOF
}

first_unit() {
  local unit=""
  [[ -r "$UNITS_CSV" ]] && unit="$(sed -n '2{s/,.*//;p;q}' "$UNITS_CSV")"
  [[ -n "$unit" ]] || die "no unit in $(rel "$UNITS_CSV"): name one, $(basename "$0") rescue-unit CALL_SIGN"
  printf '%s\n' "$unit"
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
  # --sub NAME and --jurisdiction J may stand anywhere; what remains are the positional ROLE and AREA_CODE/CALL_SIGN.
  local sub="" jurisdiction="" args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --sub | --jurisdiction)
        if [[ $# -lt 2 ]]; then
          printf 'ERROR: %s needs a value\n' "$1" >&2
          usage
          exit 2
        fi
        if [[ "$1" == --sub ]]; then sub="$2"; else jurisdiction="$2"; fi
        shift 2
        ;;
      --sub=*)
        sub="${1#--sub=}"
        shift
        ;;
      --jurisdiction=*)
        jurisdiction="${1#--jurisdiction=}"
        shift
        ;;
      *)
        args+=("$1")
        shift
        ;;
    esac
  done
  set -- "${args[@]+"${args[@]}"}"
  if [[ $# -lt 1 || $# -gt 2 ]]; then
    usage
    exit 2
  fi
  # Spliced into JSON below, so nothing that would need escaping there.
  if [[ -n "$sub" && ! "$sub" =~ ^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$ ]]; then
    printf 'ERROR: --sub NAME must be letters, digits, dots, dashes, underscores or @ (at most 64), got: %s\n' \
      "$sub" >&2
    usage
    exit 2
  fi

  local role="$1" area="${2:-}" unit="" known=0 r
  for r in "${ROLES[@]}"; do
    [[ "$role" == "$r" ]] && known=1
  done
  if ((!known)); then
    printf 'ERROR: unknown role: %s (known: %s)\n' "$role" "${ROLES[*]}" >&2
    usage
    exit 2
  fi
  # A rescue unit's token must name its unit (the services refuse it otherwise); it stands for no area.
  if [[ "$role" == rescue-unit ]]; then
    unit="$area"
    [[ -n "$unit" ]] || unit="$(first_unit)"
    area=""
    # Spliced into JSON below, so nothing that would need escaping there.
    if [[ ! "$unit" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]]; then
      printf 'ERROR: CALL_SIGN must be letters, digits, dots, dashes or underscores, got: %s\n' "$unit" >&2
      usage
      exit 2
    fi
  fi
  # The value is spliced into JSON below; twelve digits also rules out any escaping problem.
  if [[ -n "$area" && ! "$area" =~ ^[0-9]{12}$ ]]; then
    printf 'ERROR: AREA_CODE must be 12 digits, got: %s\n' "$area" >&2
    usage
    exit 2
  fi
  # Six digits, spliced into JSON below. Which ones the services accept is theirs to say (emergency.security.jurisdictions).
  local command_centre=0
  for r in "${COMMAND_CENTRE[@]}"; do
    [[ "$role" == "$r" ]] && command_centre=1
  done
  if [[ -n "$jurisdiction" ]] && ((!command_centre)); then
    printf 'ERROR: --jurisdiction is for the command centre'"'"'s roles (%s), not %s\n' "${COMMAND_CENTRE[*]}" "$role" >&2
    usage
    exit 2
  fi
  if ((command_centre)); then
    jurisdiction="${jurisdiction:-$DEFAULT_JURISDICTION}"
    if [[ ! "$jurisdiction" =~ ^[0-9]{6}$ ]]; then
      printf 'ERROR: --jurisdiction must be 6 digits (350582, 350502 or 350500), got: %s\n' "$jurisdiction" >&2
      usage
      exit 2
    fi
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
  user="${sub:-local-$role}"
  header='{"alg":"RS256","typ":"JWT","kid":"local"}'
  claims="$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"' \
    "$ISSUER" "$user" "$user" "$role" "$now" "$exp" "$(new_uuid)")"
  [[ -n "$area" ]] && claims+="$(printf ',"%s":"%s"' "$AREA_CLAIM" "$area")"
  [[ -n "$unit" ]] && claims+="$(printf ',"%s":"%s"' "$UNIT_CLAIM" "$unit")"
  [[ -n "$jurisdiction" ]] && claims+="$(printf ',"%s":"%s"' "$JURISDICTION_CLAIM" "$jurisdiction")"
  claims+='}'

  signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_PRIVATE_PEM" -binary | b64url)" ||
    die "openssl could not sign with $JWT_PRIVATE_PEM"
  [[ -n "$signature" ]] || die "openssl produced an empty signature"
  printf '%s.%s\n' "$signing_input" "$signature"
}

main "$@"

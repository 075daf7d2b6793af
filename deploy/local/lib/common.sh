#!/usr/bin/env bash
# Shared settings and helpers for deploy/local/{up,down,token}.sh and lib/{postgres,kafka}.sh.
# Sourced, never run. It sets no shell options: each entry script sets `set -euo pipefail` itself.
# The settings below are used by the files that source this one.
# shellcheck disable=SC2034

# Sourced by several libs that source each other; define everything once.
if [[ -n "${EMERGENCY_LOCAL_COMMON_LOADED:-}" ]]; then
  return 0
fi
EMERGENCY_LOCAL_COMMON_LOADED=1

# Resolve from this file, not from $PWD, so the scripts work from any directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"

# All run-time state lives in one git-ignored folder, so `down.sh --purge` and `git clean` know where to look.
# EMERGENCY_LOCAL_DIR points the scripts at another checkout's folder: a second worktree's bench.sh measuring the stack
# the first one started, with the harness built from its own sources.
LOCAL_DIR="${EMERGENCY_LOCAL_DIR:-$REPO_ROOT/.local}"
PIDS_DIR="$LOCAL_DIR/pids"
LOGS_DIR="$LOCAL_DIR/logs"
# Overridable so that tests can have token.sh sign with the key the services under test trust.
JWT_DIR="${EMERGENCY_JWT_DIR:-$LOCAL_DIR/jwt}"
CAP_DIR="$LOCAL_DIR/cap"
CAP_PRIVATE_PEM="$CAP_DIR/private.pem"
CAP_PUBLIC_PEM="$CAP_DIR/public.pem"
KAFKA_DIR="$LOCAL_DIR/kafka"
KAFKA_DATA_DIR="$KAFKA_DIR/data"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
# Generated passwords (admin.password for the broker and the tools, <service>.password for each service's SCRAM user)
# and the tools' client settings; see deploy/kafka BrokerSetup and schemas/topic-access.csv.
KAFKA_CREDENTIALS_DIR="$KAFKA_DIR/credentials"
KAFKA_ADMIN_CONFIG="$KAFKA_DIR/admin.properties"
KAFKA_KCAT_CONFIG="$KAFKA_DIR/kcat.conf"
# Present from formatting a new broker storage until its databases are paired with it (lib/stack.sh).
KAFKA_UNPAIRED="$KAFKA_DATA_DIR.unpaired"
JWT_PRIVATE_PEM="$JWT_DIR/private.pem"
JWT_PUBLIC_PEM="$JWT_DIR/public.pem"

# Overridable only so a broker from jars built elsewhere can be tried; the project's own path is the default.
KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$REPO_ROOT/deploy/kafka/target/libs}"
KAFKA_HOST=127.0.0.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
# The topics, their writers and readers: the table BrokerSetup applies. Main topics get 3 partitions (records are
# keyed by incident id); each has a 1-partition dead-letter topic.
KAFKA_ACCESS_TABLE="$REPO_ROOT/schemas/topic-access.csv"
KAFKA_TOPIC_PARTITIONS=3
KAFKA_DLQ_PARTITIONS=1

PG_HOST=127.0.0.1
PG_PORT=5432
DB_USER=emergency
DB_PASSWORD=emergency
BASE_DATABASES=(incident_intake resource_dispatch warning_broadcast material_reserves command_gateway)
DATABASES=("${BASE_DATABASES[@]}")

# Start order: the gateway last, so screens connect once the services behind the incidents are up.
SERVICES=(incident-intake resource-dispatch warning-broadcast material-reserves command-gateway)

service_port() {
  case "$1" in
    command-gateway) echo 8080 ;;
    incident-intake) echo 8081 ;;
    resource-dispatch) echo 8082 ;;
    warning-broadcast) echo 8083 ;;
    material-reserves) echo 8084 ;;
    *) die "unknown service: $1" ;;
  esac
}

service_jar() {
  echo "$REPO_ROOT/services/$1/target/quarkus-app/quarkus-run.jar"
}

# ---------------------------------------------------------------------------------------------------------------------
# Instances. `up.sh --instances N` runs N instances of every service behind a load balancer on loopback (lib/balancer.sh)
# that takes each service's own port, so clients, harnesses and token.sh see one stack whatever N is. Instance i
# listens on the service's port + 100 × i. The count is kept in .local/instances while the stack runs, so that every
# script (down, bench, chaos, faults, profile) sees the stack up.sh started.
INSTANCES_FILE="$LOCAL_DIR/instances"
INSTANCE_PORT_STEP=100
MAX_INSTANCES=3

stack_instances() {
  local n
  [[ -f "$INSTANCES_FILE" ]] && n="$(tr -dc '0-9' <"$INSTANCES_FILE")"
  echo "${n:-1}"
}

# service_instances SERVICE: its instances' names, which name their pid and log files: SERVICE, then SERVICE.2 … SERVICE.N
# (the first keeps the plain name, so one instance is the stack as it always was).
service_instances() {
  local n i
  n="$(stack_instances)"
  echo "$1"
  for ((i = 2; i <= n; i++)); do echo "$1.$i"; done
}

# Every instance of every service, in start order.
all_instances() {
  local s
  for s in "${SERVICES[@]}"; do service_instances "$s"; done
}

instance_service() { echo "${1%%.*}"; }

instance_number() {
  if [[ "$1" == *.* ]]; then echo "${1##*.}"; else echo 1; fi
}

# instance_port NAME: where the instance listens; with one instance, the service's own port (no balancer).
instance_port() {
  local base
  base="$(service_port "$(instance_service "$1")")"
  if (($(stack_instances) > 1)); then
    echo $((base + INSTANCE_PORT_STEP * $(instance_number "$1")))
  else
    echo "$base"
  fi
}

# The gateway's instances share nothing but the topics (docs/gateway.md, "Two or more instances"): each has its own
# database, command_gateway for the first and command_gateway_<i> for the others. The other services' instances share
# their service's database.
instance_database() {
  local i
  i="$(instance_number "$1")"
  if [[ "$(instance_service "$1")" == command-gateway ]] && ((i > 1)); then
    echo "command_gateway_$i"
  fi
}

# DATABASES with the gateway's extra instances' databases, for the count in INSTANCES_FILE.
load_instances() {
  local i
  DATABASES=("${BASE_DATABASES[@]}")
  for ((i = 2; i <= $(stack_instances); i++)); do DATABASES+=("command_gateway_$i"); done
}

# ---------------------------------------------------------------------------------------------------------------------
# Output. Progress goes to stderr so that scripts whose stdout is data (token.sh) can share these helpers.

log() { printf '==> %s\n' "$*" >&2; }
# A path as the user sees it from the repository root.
rel() { echo "${1#"$REPO_ROOT"/}"; }
note() { printf '    %s\n' "$*" >&2; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
# die MESSAGE [EXIT_CODE]
die() {
  printf 'ERROR: %s\n' "$1" >&2
  DIED=1 # the message above says why; the EXIT trap of stop_started_on_failure adds no second one
  exit "${2:-1}"
}

# Indented tail of a log, so a failure shows its cause without the user hunting for the file. Logs are appended to
# across restarts; only the latest run (from start_detached's header on) is shown, so an old error cannot mislead.
show_log_tail() {
  local file="$1" lines="${2:-30}" from
  if [[ -s "$file" ]]; then
    # || true: a log without our header (e.g. PostgreSQL's) makes grep fail, which pipefail would turn fatal.
    from="$(grep -n '^===== .* starting ' "$file" | tail -n 1 | cut -d: -f1)" || true
    printf -- '---- last lines of %s (latest start only) ----\n' "$file" >&2
    tail -n "+${from:-1}" "$file" | tail -n "$lines" | sed 's/^/    /' >&2
    printf -- '----\n' >&2
  else
    printf '    (%s is empty or missing)\n' "$file" >&2
  fi
}

# run_locked SCRIPT ARGS...: call at the top of up.sh/down.sh. Runs SCRIPT again under an exclusive lock and exits
# with its status, so two of them never interleave (two up.sh could start two brokers and lose one from the pid
# files). flock -o keeps the lock in flock's own process: the broker and services started meanwhile must not inherit
# the lock's descriptor, or they would hold it for as long as they run.
run_locked() {
  if [[ -n "${EMERGENCY_LOCAL_LOCK_HELD:-}" ]]; then
    unset EMERGENCY_LOCAL_LOCK_HELD # keep it out of the environment of what we start
    return 0
  fi
  local script="$1" lock="$LOCAL_DIR/.lock" rc=0
  shift
  mkdir -p "$LOCAL_DIR"
  if ! flock -n "$lock" true; then
    log "waiting for another up.sh/down.sh to finish (lock: $lock)"
  fi
  EMERGENCY_LOCAL_LOCK_HELD=1 flock -o -w 600 -E 75 "$lock" bash "$script" "$@" || rc=$?
  ((rc != 75)) || die "another up.sh/down.sh still holds $lock after 10 minutes"
  exit "$rc"
}

ensure_state_dirs() {
  mkdir -p "$PIDS_DIR" "$LOGS_DIR" "$JWT_DIR" "$KAFKA_DIR" "$KAFKA_CREDENTIALS_DIR"
  # The JWT private key and the Kafka passwords live here: keep the folders private even if a file's mode is loosened.
  # The logs too: a service may log a secret itself, and logs written by older versions of these scripts held the
  # command lines with the Kafka passwords, so existing ones are closed as well, not only new ones.
  chmod 700 "$JWT_DIR" "$KAFKA_DIR" "$LOGS_DIR"
  find "$LOGS_DIR" -maxdepth 1 -type f -exec chmod 600 {} +
}

# require_cmd COMMAND DEBIAN_PACKAGE: the machines are fresh Debian where we are root, so install instead of failing.
require_cmd() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing $pkg (for $cmd)"
    apt_install "$pkg"
    command -v "$cmd" >/dev/null 2>&1 && return 0
  fi
  die "'$cmd' is required: install the Debian package '$pkg'"
}

apt_install() {
  # update first: on a fresh machine the package lists are empty and install finds nothing.
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

# ---------------------------------------------------------------------------------------------------------------------
# Processes. We only ever touch processes named by our own pid files, and double-check the command line so that a pid
# reused by an unrelated process after a reboot or crash is never signalled.

pid_file() { echo "$PIDS_DIR/$1.pid"; }

# pid_alive PID: a zombie counts as dead (in containers PID 1 may never reap it, and kill -0 still succeeds on one).
pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]]
}

pid_cmdline() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# running_pid NAME MARKER: prints the pid from NAME's pid file if that process is alive and its command line contains
# MARKER; otherwise removes the stale pid file and fails.
running_pid() {
  local name="$1" marker="$2" file pid
  file="$(pid_file "$name")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  if [[ -n "$pid" ]] && pid_alive "$pid" && [[ "$(pid_cmdline "$pid")" == *"$marker"* ]]; then
    echo "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# redact_command WORD...: the words joined by spaces, with the value of every NAME=VALUE word whose NAME contains
# PASSWORD, TOKEN, SECRET or KEY replaced by ***, for logging a command line.
redact_command() {
  local word name out=()
  for word in "$@"; do
    if [[ "$word" =~ ^([A-Za-z_][A-Za-z0-9_]*)= ]]; then
      name="${BASH_REMATCH[1]^^}"
      if [[ "$name" == *PASSWORD* || "$name" == *TOKEN* || "$name" == *SECRET* || "$name" == *KEY* ]]; then
        word="${BASH_REMATCH[1]}=***"
      fi
    fi
    out+=("$word")
  done
  printf '%s' "${out[*]}"
}

# "NAME PID START_TIME" of every process this shell started with start_detached, for stop_started_on_failure.
STARTED_HERE=()

# start_detached NAME WORKDIR COMMAND...: runs COMMAND in the background, immune to the terminal closing and to
# Ctrl-C / process-group kills aimed at the calling script, appending to NAME's log. The pid file is written by the
# process itself right before it execs COMMAND, so it names the real JVM whatever setsid decides about forking.
# Call it directly, not inside $(...): the background child would otherwise inherit the substitution's pipe.
# Secrets go in the environment of the call (KAFKA_PASSWORD=... start_detached ...), which the process inherits and
# nothing logs; the command line is logged (redacted all the same) and shows in ps to every user of the machine.
start_detached() {
  local name="$1" workdir="$2"
  shift 2
  local log="$LOGS_DIR/$name.log" file
  file="$(pid_file "$name")"
  rm -f "$file"
  # Owner-only from creation on: the log's first line would otherwise be readable for a moment before any chmod.
  (umask 077 && : >>"$log")
  chmod 600 "$log"
  printf '\n===== %s starting %s: %s =====\n' "$(date '+%F %T')" "$name" "$(redact_command "$@")" >>"$log"
  (
    cd "$workdir" || exit 1
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell.
    exec setsid bash -c 'echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec nohup "$@"' "$file" "$@" \
      >>"$log" 2>&1 </dev/null
  ) &
  local waited=0
  until [[ -s "$file" ]]; do
    ((waited++ < 50)) || die "$name did not start (no pid file after 5 s), see $log"
    sleep 0.1
  done
  # Pid and start time, not the command line: that is still changing (bash, nohup, then COMMAND) while they exec.
  local pid
  pid="$(tr -dc '0-9' <"$file")"
  STARTED_HERE+=("$name $pid $(pid_start_time "$pid")")
}

# pid_start_time PID: when the process started (clock ticks since boot), unchanged by exec: with the pid, it names one
# process for good, even after the pid is reused.
pid_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  # Fields after the command name, which is in parentheses and may hold spaces; starttime is the 20th of them.
  awk '{print $20}' <<<"${stat##*) }"
}

# stop_started_on_failure: call at the top of an entry script (after run_locked). If the script then exits non-zero
# (a die, or a command failing under set -e), it says so, naming the failed command, and stops every process this run
# started with start_detached; processes that were already running when it began are left alone. Without this a
# refused up.sh left its new broker running, and the next up.sh found a half-started stack.
stop_started_on_failure() {
  FAILED_COMMAND=""
  # errtrace: the ERR trap also fires inside functions, where nearly every step runs.
  set -o errtrace
  # The step is the chain of functions the command failed in (innermost first), e.g. "stack_pair_databases < main".
  trap '_on_err $? "$BASH_COMMAND" "$LINENO" "${BASH_SOURCE[0]:-$0}" "${FUNCNAME[*]:-}"' ERR
  trap '_on_exit $?' EXIT
  # An interrupted run is a failed one; exiting from the trap makes the EXIT trap clean up the same way.
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

_on_err() {
  local status="$1" command="$2" line="$3" file="$4" step="${5// / < }"
  FAILED_COMMAND="${step:-top level}: \`$command\` (line $line of $(basename "$file")) exited with status $status"
}

_on_exit() {
  local rc="$1" entry name pid started
  ((rc != 0)) || return 0
  set +e
  trap - ERR
  if [[ -n "${FAILED_COMMAND:-}" ]]; then
    printf 'ERROR: %s failed in %s\n' "$(basename "$0")" "$FAILED_COMMAND" >&2
  elif [[ -z "${DIED:-}" ]]; then
    printf 'ERROR: %s exited with status %s\n' "$(basename "$0")" "$rc" >&2
  fi
  local -a ours=()
  for entry in "${STARTED_HERE[@]+"${STARTED_HERE[@]}"}"; do
    read -r name pid started <<<"$entry"
    # Only if the pid file still names the very process started here; stop_processes wants a command-line marker,
    # and the process's own command line is one.
    if [[ "$(tr -dc '0-9' <"$(pid_file "$name")" 2>/dev/null)" == "$pid" ]] && pid_alive "$pid" &&
      [[ "$(pid_start_time "$pid")" == "$started" ]]; then
      ours+=("$name:$(pid_cmdline "$pid")")
    fi
  done
  if ((${#ours[@]} > 0)); then
    log "stopping what this run started (its logs stay in $(rel "$LOGS_DIR"))"
    stop_processes 20 "${ours[@]}"
  fi
}

# stop_processes TIMEOUT_SECONDS NAME:MARKER...: SIGTERM all at once (a parallel shutdown is faster than one by one),
# wait up to TIMEOUT for all of them, then SIGKILL whatever is left.
stop_processes() {
  local timeout="$1"
  shift
  local entry name marker pid
  local -a names=() pids=()
  for entry in "$@"; do
    name="${entry%%:*}"
    marker="${entry#*:}"
    if pid="$(running_pid "$name" "$marker")"; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name")
      pids+=("$pid")
    fi
  done
  ((${#pids[@]} > 0)) || return 0

  local deadline=$((SECONDS + timeout)) i alive
  while :; do
    alive=0
    for i in "${!pids[@]}"; do
      pid_alive "${pids[$i]}" && alive=1
    done
    ((alive)) || break
    ((SECONDS < deadline)) || break
    sleep 0.5
  done

  for i in "${!pids[@]}"; do
    if pid_alive "${pids[$i]}"; then
      warn "${names[$i]} (pid ${pids[$i]}) still running after ${timeout}s: sending SIGKILL"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
  done
  for i in "${!pids[@]}"; do
    local tries=0
    while pid_alive "${pids[$i]}" && ((tries++ < 20)); do sleep 0.25; done
    if pid_alive "${pids[$i]}"; then
      warn "${names[$i]} (pid ${pids[$i]}) survived SIGKILL; leaving its pid file"
    else
      rm -f "$(pid_file "${names[$i]}")"
    fi
  done
}

# Services are recognised by their jar's absolute path on the command line.
# Every instance whose pid file is there, whatever the count now recorded: a stack started with more instances is
# stopped whole.
stop_services() {
  local -a entries=()
  local i file name
  # Reverse start order: the gateway goes first so it stops taking requests for services that are going away.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    for file in "$(pid_file "${SERVICES[$i]}")" "$PIDS_DIR/${SERVICES[$i]}".[0-9]*.pid; do
      [[ -e "$file" ]] || continue
      name="$(basename "$file" .pid)"
      entries+=("$name:$(service_jar "${SERVICES[$i]}")")
    done
  done
  ((${#entries[@]} > 0)) || return 0
  stop_processes 20 "${entries[@]}"
}

# ---------------------------------------------------------------------------------------------------------------------
# Network checks without nc or curl, which a fresh Debian may not have.

port_open() {
  # shellcheck disable=SC2016 # expanded by the inner shell.
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# http_status HOST PORT PATH: prints the status code, 000 when nothing answers.
http_status() {
  local host="$1" port="$2" path="$3" code
  if command -v curl >/dev/null 2>&1; then
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$host:$port$path" 2>/dev/null)" || true
  else
    # shellcheck disable=SC2016 # expanded by the inner shell.
    code="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n" "$2" "$0" "$1" >&3
      IFS=" " read -r _ status _ <&3 && echo "$status"' "$host" "$port" "$path" 2>/dev/null)" || true
  fi
  [[ "$code" =~ ^[0-9]{3}$ ]] || code=000
  echo "$code"
}

# ---------------------------------------------------------------------------------------------------------------------
# Roles and their claims, read from the services' own definition (services/shared, security/Roles.java) each time, so
# token.sh and up.sh offer exactly the roles the services know: one added there needs no edit here. The source is in
# every checkout, so nothing has to be built first.

ROLES_SOURCE="$REPO_ROOT/services/shared/src/main/java/cn/jinjiang/emergency/shared/security/Roles.java"

# roles_constant NAME: the value of one of Roles' String constants (e.g. AREA_CLAIM).
roles_constant() {
  [[ -r "$ROLES_SOURCE" ]] || die "cannot read $(rel "$ROLES_SOURCE"), where the roles are defined"
  local value
  value="$(sed -n "s/^ *public static final String $1 = \"\([^\"]*\)\";.*/\1/p" "$ROLES_SOURCE")"
  [[ -n "$value" ]] || die "no String constant $1 in $(rel "$ROLES_SOURCE")"
  printf '%s\n' "$value"
}

# known_roles: every role, one a line, in the order of Roles.ALL (the roles the access policy knows).
known_roles() {
  roles_list ALL
}

# roles_list NAME: the roles of one of Roles' lists (ALL, COMMAND_CENTRE), one a line, in its order.
roles_list() {
  [[ -r "$ROLES_SOURCE" ]] || die "cannot read $(rel "$ROLES_SOURCE"), where the roles are defined"
  awk -v list="$1" '
    /public static final String [A-Z_]+ = "/ {
      name = $0; sub(/.*String /, "", name); sub(/ .*/, "", name)
      value = $0; sub(/^[^"]*"/, "", value); sub(/".*/, "", value)
      roles[name] = value
    }
    $0 ~ ("List<String> " list " = List\\.of\\(") { listing = 1; all = "" }
    listing { all = all $0; if ($0 ~ /\);/) listing = 0 }
    END {
      sub(/.*List\.of\(/, "", all); sub(/\).*/, "", all); gsub(/[ \t]/, "", all)
      n = split(all, names, ",")
      if (n == 0) { print "no Roles." list " list found" > "/dev/stderr"; exit 1 }
      for (i = 1; i <= n; i++) {
        if (!(names[i] in roles)) { print "Roles." list " names " names[i] ", not a String constant" > "/dev/stderr"; exit 1 }
        print roles[names[i]]
      }
    }' "$ROLES_SOURCE" || die "could not read the roles from $(rel "$ROLES_SOURCE")"
}

# role_needs ROLE: what a token of the role must carry besides it (the services refuse it otherwise: PolicyAugmentor),
# or nothing.
role_needs() {
  case "$1" in
    duty-officer) echo "a 12-digit area code" ;;
    rescue-unit) echo "its unit's call sign" ;;
    dispatcher | commander | warehouse-keeper | viewer) echo "a jurisdiction: 350500 unless --jurisdiction" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------------------
# JWT signing keys, shared by up.sh (services verify with the public half) and token.sh (signs with the private half).

ensure_jwt_keys() {
  ensure_key_pair "$JWT_DIR" "$JWT_PRIVATE_PEM" "$JWT_PUBLIC_PEM" "JWT"
}

# The key warning-broadcast signs its CAP messages with; a broadcast platform verifies them with the public half.
ensure_cap_keys() {
  ensure_key_pair "$CAP_DIR" "$CAP_PRIVATE_PEM" "$CAP_PUBLIC_PEM" "CAP"
}

# ensure_key_pair DIR PRIVATE_PEM PUBLIC_PEM WHAT: an RSA 2048 key pair, made once.
ensure_key_pair() {
  local dir="$1" private="$2" public="$3" what="$4"
  require_cmd openssl openssl
  mkdir -p "$dir"
  chmod 700 "$dir"
  # up.sh and token.sh may run at the same time; only one of them may generate, or the halves would not match.
  exec 9>"$dir/.lock"
  flock 9
  if [[ ! -s "$private" ]]; then
    log "generating RSA 2048 $what signing key pair in ${dir#"$REPO_ROOT"/}"
    local tmp="$private.tmp.$$"
    # genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"); the file is private from its creation on, not chmod-ed afterwards.
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp" 2>/dev/null) ||
      { rm -f "$tmp"; die "openssl could not generate the $what key"; }
    mv -f "$tmp" "$private"
    rm -f "$public" # a public key left from an older private key would no longer match
  fi
  chmod 600 "$private"
  if [[ ! -s "$public" ]]; then
    local tmp="$public.tmp.$$"
    # SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"), what the verifiers read.
    openssl pkey -in "$private" -pubout -out "$tmp" 2>/dev/null ||
      { rm -f "$tmp"; die "openssl could not derive the $what public key from $private"; }
    chmod 644 "$tmp"
    mv -f "$tmp" "$public"
  fi
  flock -u 9
  exec 9>&-
}

# ---------------------------------------------------------------------------------------------------------------------
# Maven, always from the repository root so that .mvn/ and the reactor are found.

# Called first by the scripts that start, stop or kill the stack's processes (up.sh, down.sh, chaos.sh): with another
# checkout's state (EMERGENCY_LOCAL_DIR) they would take its running services, started from that checkout's jars, for
# stale ones of this checkout and drop their pid files or start a second stack beside them. Only bench.sh reads it.
refuse_foreign_state() {
  [[ -z "${EMERGENCY_LOCAL_DIR:-}" ]] ||
    die "EMERGENCY_LOCAL_DIR is set ($EMERGENCY_LOCAL_DIR): $(basename "$0") only works on this checkout's own .local; unset it"
}

mvnw() {
  (cd "$REPO_ROOT" && ./mvnw "$@")
}

load_instances

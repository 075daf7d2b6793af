#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# PostgreSQL for the local stack and the test tiers: the machine's own server on 127.0.0.1:5432.
#
# Sourced by up.sh for its functions, and also runnable alone (the Java test support runs it when it cannot reach the
# server):
#   deploy/local/lib/postgres.sh              make sure the server runs and answers on 127.0.0.1:5432
#   deploy/local/lib/postgres.sh provision    the same, then make sure our role and databases exist
#
# The server is shared with everything else on the machine, so this never stops it, never drops anything and never
# rewrites the configuration of a server it did not install itself.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

postgres_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
  else
    # No client tools means no local install; a server elsewhere may still be forwarded to the port.
    port_open "$PG_HOST" "$PG_PORT"
  fi
}

postgres_installed() {
  command -v pg_ctlcluster >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Newest server version installed (Debian can hold several side by side).
postgres_newest_version() {
  local bin
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    if [[ -x "$bin" ]]; then
      basename "$(dirname "$(dirname "$bin")")"
    fi
  done | sort -V | tail -n 1
}

postgres_install() {
  [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and we are not root: run 'apt-get install -y postgresql' as root"
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no apt-get: install it by hand"
  log "PostgreSQL: not installed, installing it with apt-get (a minute or two)"
  apt_install postgresql
  POSTGRES_FRESH_INSTALL=1
}

# A server we just installed has Debian's default scram-sha-256 for TCP. The test tier connects over TCP as the
# superuser without a password, as on the project's machines where 127.0.0.1 is trusted, so give a fresh install that
# same rule (first match wins in pg_hba.conf, hence at the top). Never done to a server we found already installed.
postgres_trust_loopback() {
  local version="$1" cluster="$2" hba
  hba="/etc/postgresql/$version/$cluster/pg_hba.conf"
  [[ -f "$hba" ]] || return 0
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    log "PostgreSQL: trusting 127.0.0.1 in $hba (fresh local install, as on the project's machines)"
    sed -i '1i # Added by deploy/local/lib/postgres.sh: local development server, loopback is trusted.\nhost    all             all             127.0.0.1/32            trust' "$hba"
  fi
}

# Prints "VERSION CLUSTER PORT STATUS" of the cluster configured for our port, if any.
postgres_cluster_on_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" \
    '!found && $3 == port { print $1, $2, $3, $4; found = 1 } END { exit !found }' # no early exit: no SIGPIPE
}

postgres_ensure_running() {
  if postgres_ready; then
    log "PostgreSQL: answering on $PG_HOST:$PG_PORT"
    return 0
  fi
  POSTGRES_FRESH_INSTALL="${POSTGRES_FRESH_INSTALL:-}"
  postgres_installed || postgres_install

  local version cluster port status line
  if line="$(postgres_cluster_on_port)"; then
    read -r version cluster _ status <<<"$line"
  else
    version="$(postgres_newest_version)"
    cluster=main
    if [[ -d "/etc/postgresql/$version/$cluster" ]]; then
      # A cluster exists but listens elsewhere: moving it would surprise whoever else uses it.
      die "PostgreSQL cluster $version/$cluster is not configured for port $PG_PORT (see /etc/postgresql/$version/$cluster/postgresql.conf); the project expects $PG_HOST:$PG_PORT"
    fi
    # The package was installed without its default cluster (or it was dropped): create one on our port.
    log "PostgreSQL: creating cluster $version/$cluster on port $PG_PORT"
    pg_createcluster "$version" "$cluster" -p "$PG_PORT" >&2 || die "pg_createcluster $version $cluster failed"
    status=down
  fi

  [[ -n "$POSTGRES_FRESH_INSTALL" ]] && postgres_trust_loopback "$version" "$cluster"

  if [[ "$status" == online* ]]; then
    if [[ -n "$POSTGRES_FRESH_INSTALL" ]]; then
      # The package's postinst may already have started it, before pg_hba.conf was changed above.
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" reload >&2 || true
    fi
  else
    [[ $EUID -eq 0 ]] || die "PostgreSQL cluster $version/$cluster is down and we are not root to start it"
    log "PostgreSQL: starting cluster $version/$cluster"
    # --skip-systemctl-redirect: these machines have no systemd to hand the start to.
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 ||
      die "could not start PostgreSQL $version/$cluster; see /var/log/postgresql/postgresql-$version-$cluster.log"
  fi

  local deadline=$((SECONDS + 60))
  until postgres_ready; do
    ((SECONDS < deadline)) || {
      show_log_tail "/var/log/postgresql/postgresql-$version-$cluster.log"
      die "PostgreSQL $version/$cluster runs but $PG_HOST:$PG_PORT does not answer (check listen_addresses)"
    }
    sleep 1
  done
  log "PostgreSQL: answering on $PG_HOST:$PG_PORT"
}

# Runs psql as the superuser with SQL from stdin. The unix socket with `su postgres` (peer auth) works whatever the
# TCP auth rules are; TCP as PG_SUPERUSER (default postgres, as the Java test support) is the fallback when the server
# on the port is not this machine's Debian cluster or we are not root.
postgres_superuser_psql() {
  local socket="/var/run/postgresql/.s.PGSQL.$PG_PORT"
  if [[ $EUID -eq 0 && -S "$socket" ]] && id postgres >/dev/null 2>&1; then
    # cd /: postgres cannot read the repo's folder, and psql would complain about the working directory.
    (cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT -d postgres $(printf '%q ' "$@")")
  else
    PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "${PG_SUPERUSER:-postgres}" \
      -d postgres "$@"
  fi
}

# Role and databases the services use. Re-running only re-asserts them: the password and ownership are set again,
# nothing is dropped or emptied.
postgres_provision() {
  local databases
  databases="$(IFS=,; echo "${DATABASES[*]}")"
  # Names travel as psql variables; the DO block reads them back as settings because psql does not interpolate
  # inside dollar quotes.
  postgres_superuser_psql -v role="$DB_USER" -v password="$DB_PASSWORD" -v databases="$databases" <<'SQL' ||
SET emergency_local.role = :'role';
SET emergency_local.password = :'password';
DO $$
DECLARE
  r text := current_setting('emergency_local.role');
  p text := current_setting('emergency_local.password');
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
    EXECUTE format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', r, p);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', r, p);
  END IF;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- created at this very moment by a concurrent test run: fine as it is
END
$$;
SELECT format('CREATE DATABASE %I OWNER %I', d, :'role')
  FROM unnest(string_to_array(:'databases', ',')) AS d
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = d)
\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', datname, :'role')
  FROM pg_catalog.pg_database
 WHERE datname = ANY (string_to_array(:'databases', ','))
   AND pg_catalog.pg_get_userbyid(datdba) <> :'role'
\gexec
-- A chaos run interrupted during its postgres-consumer fault leaves a database refusing connections.
SELECT format('ALTER DATABASE %I ALLOW_CONNECTIONS true', datname)
  FROM pg_catalog.pg_database
 WHERE datname = ANY (string_to_array(:'databases', ','))
   AND NOT datallowconn
\gexec
SQL
    die "could not create the PostgreSQL role '$DB_USER' and databases (psql output above)"

  # Connect the way the services will (TCP, password), so a wrong pg_hba.conf shows up here and not in five logs.
  local db
  for db in "${DATABASES[@]}"; do
    PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -t -A -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$db" \
      -c 'SELECT 1' >/dev/null ||
      die "role '$DB_USER' cannot connect to database '$db' on $PG_HOST:$PG_PORT (check pg_hba.conf)"
  done
  log "PostgreSQL: role '$DB_USER' and databases ready: ${DATABASES[*]}"
  # Some machines run PostgreSQL with autovacuum off (a CI setting). The stack updates a few rows all the time (stock
  # lots, the outbox), and without vacuuming those tables swell and every read of them slows, hour after hour.
  if [[ "$(postgres_superuser_psql -t -A -c 'SHOW autovacuum' 2>/dev/null)" == off ]]; then
    warn "PostgreSQL runs with autovacuum off: the stack's busiest tables will bloat and slow it down over time." \
      "For a long-running stack turn it on (as a superuser: ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();)." \
      "bench.sh vacuums the services' databases before its stages either way."
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-start}" in
    start) postgres_ensure_running ;;
    provision)
      postgres_ensure_running
      postgres_provision
      ;;
    -h | --help)
      echo "usage: $0 [start|provision]   (start: ensure $PG_HOST:$PG_PORT answers; provision: also role and databases)"
      ;;
    *)
      echo "usage: $0 [start|provision]" >&2
      exit 2
      ;;
  esac
fi

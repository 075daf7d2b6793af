#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The load balancer in front of several instances of every service (up.sh --instances N): HAProxy from Debian's
# packages, on each service's own port, the instances on theirs (lib/common.sh, instance_port). Sourced, never run.
#
# What it does for the stack, and why:
# - Only ready instances get requests: it asks each for /q/health/ready every 2 s, and an instance that fails five
#   times running is out (a killed one is out at once: its connections are refused and the request goes elsewhere).
# - A request that reached an instance that died before answering is sent again to another one only when that is safe:
#   a GET, or a write carrying an Idempotency-Key, which the services answer as the first time when they already took
#   it. Any other write gets the 502 its client must judge, never a second effect.
# - The command-centre screens' WebSocket passes through (the upgrade, then a tunnel for up to an hour between frames;
#   the gateway pings far more often). A screen goes to the instance with the fewest connections; when its instance
#   stops, it reconnects here and resumes on another with its last position.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BALANCER_DIR="$LOCAL_DIR/balancer"
BALANCER_CONFIG="$BALANCER_DIR/haproxy.cfg"

balancer_running_pid() {
  running_pid balancer "$BALANCER_CONFIG"
}

balancer_write_config() {
  local s name port
  mkdir -p "$BALANCER_DIR"
  {
    cat <<EOF
# Written by deploy/local/up.sh --instances $(stack_instances) (lib/balancer.sh); rewritten on every start.
global
  log stdout format raw local0 info
  # Two descriptors per connection; this machine allows 20,000 per process. 8,000 is eight times B6's screens.
  maxconn 8000
  # One thread: the whole stack shares two cores, and one thread carries far more than the stack can answer.
  nbthread 1

defaults
  mode http
  log global
  option httplog
  # Failures only (5xx, aborted connections, retries): a line per report would cost more than the report.
  option dontlog-normal
  timeout connect 2s
  timeout client 65s
  timeout server 65s
  timeout tunnel 1h
  timeout client-fin 5s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  # Sending a request again needs all of it at hand; a report is a few hundred bytes.
  option http-buffer-request
  # Readiness on a loaded machine (instances restarting beside the load) can take seconds: five misses of 5 s each,
  # not a slow answer, take an instance out, since every instance out means a 503 for everyone. A dead one goes at
  # once: its port refuses the first connection, which marks it down (observe) and sends the request to another.
  option httpchk GET /q/health/ready
  timeout check 5s
  default-server check inter 2s fastinter 1s downinter 1s fall 5 rise 2 observe layer4 error-limit 1 on-error mark-down
  # With no instance to take it, a request is refused the way the services refuse one: problem+json, Retry-After.
  errorfile 503 $BALANCER_DIR/503.http

EOF
    for s in "${SERVICES[@]}"; do
      cat <<EOF
frontend $s
  bind :$(service_port "$s")
  acl retry_safe method GET HEAD OPTIONS
  acl keyed req.hdr(Idempotency-Key) -m found
  http-request disable-l7-retry if !retry_safe !keyed
  default_backend $s

backend $s
EOF
      if [[ "$s" == command-gateway ]]; then
        echo "  balance leastconn"
      else
        echo "  balance roundrobin"
      fi
      while IFS= read -r name; do
        port="$(instance_port "$name")"
        echo "  server $name 127.0.0.1:$port"
      done < <(service_instances "$s")
      echo
    done
  } >"$BALANCER_CONFIG.tmp"
  local body='{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"No instance of this service is ready; try again shortly."}'
  printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 2\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Length: %s\r\n\r\n%s' \
    "${#body}" "$body" >"$BALANCER_DIR/503.http"
  mv -f "$BALANCER_CONFIG.tmp" "$BALANCER_CONFIG"
}

# Starts HAProxy in the foreground under start_detached (its pid file and log like every process of the stack).
balancer_start() {
  local pid
  if pid="$(balancer_running_pid)"; then
    log "balancer: already running (pid $pid)"
    return 0
  fi
  require_cmd haproxy haproxy
  balancer_write_config
  haproxy -c -q -f "$BALANCER_CONFIG" || die "HAProxy refuses $(rel "$BALANCER_CONFIG") (its message above)"
  start_detached balancer "$BALANCER_DIR" haproxy -db -f "$BALANCER_CONFIG"
  log "balancer: HAProxy on ports $(for s in "${SERVICES[@]}"; do printf '%s ' "$(service_port "$s")"; done)in front of\
 $(stack_instances) instances of each service (pid $(cat "$(pid_file balancer)"), config $(rel "$BALANCER_CONFIG"))"
}

balancer_stop() {
  stop_processes 10 "balancer:$BALANCER_CONFIG"
}

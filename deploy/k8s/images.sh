#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The five services' container images, built without a Docker daemon, and one of them started to prove it runs.
# Opt-in (not part of ./mvnw verify): it downloads a Debian root file system and takes several minutes.
#
#   1. A base image made from Debian's packages: mmdebstrap writes a bookworm root file system with
#      openjdk-17-jre-headless (the JVM the services run on here), turned into an OCI image by hand (one layer, a
#      config, a manifest) and pushed with skopeo. No registry outside this machine is needed or reachable.
#   2. A registry on loopback (Debian's docker-registry) holds the base and the services' images.
#   3. Jib (quarkus-container-image-jib, the Maven profile `images` of services/pom.xml) builds each service's image
#      on that base and pushes it: emergency/<service>:<version>, the names deploy/k8s's Deployments use.
#   4. The check: a service's image is pulled back, unpacked (umoci) and its entrypoint run under chroot with the
#      environment its Deployment sets, against the local stack (deploy/local/up.sh); it must answer
#      /q/health/ready with 200. chroot stands in for a container runtime, which this sandbox cannot start.
# State lives in .local/images (the registry's storage, the base's root file system); deploy/local/down.sh --purge
# leaves it, rm -rf .local/images removes it.
set -euo pipefail

# shellcheck source=../local/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/common.sh"
# shellcheck source=../local/lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/postgres.sh"
refuse_foreign_state

IMAGES_DIR="$LOCAL_DIR/images"
REGISTRY_PORT="${EMERGENCY_REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:$REGISTRY_PORT"
BASE_IMAGE="emergency/jre17"
BASE_TAG=bookworm
SUITE=bookworm
# Where the checked image listens: beside the stack's own ports (8080-8084, 8180-8384 with instances).
CHECK_PORT=8480
# A gateway shares nothing with another instance but the topics: the checked one gets a database of its own.
CHECK_GATEWAY_DATABASE=command_gateway_image

usage() {
  cat <<EOF
usage: $(basename "$0") [--check SERVICE | --no-check] [--rebuild-base] [--keep-registry] [--help]

Builds the base image (once), the five services' images with Jib, pushes them to a registry on $REGISTRY, then
starts one image's entrypoint under chroot against the local stack (started with deploy/local/up.sh if needed)
and waits for /q/health/ready.
  --check SERVICE   the image to start (default incident-intake)
  --no-check        build and push only
  --rebuild-base    make the base image again even if the registry has it
  --keep-registry   leave the registry running afterwards (to copy the images elsewhere with skopeo); by default
                    it is stopped, its storage kept for the next run
  --help            this text
EOF
}

check=incident-intake
rebuild_base=0
keep_registry=0
while (($# > 0)); do
  case "$1" in
    --check)
      check="${2:-}"
      shift
      [[ " ${SERVICES[*]} " == *" $check "* ]] || die "--check takes one of: ${SERVICES[*]}"
      ;;
    --no-check) check="" ;;
    --rebuild-base) rebuild_base=1 ;;
    --keep-registry) keep_registry=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      printf 'ERROR: unknown option: %s\n' "$1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

version() {
  sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$REPO_ROOT/services/pom.xml" | head -n 1
}

registry_start() {
  local config="$IMAGES_DIR/registry.yml" tries=0
  if running_pid registry "$config" >/dev/null; then
    return 0
  fi
  port_open 127.0.0.1 "$REGISTRY_PORT" && die "port $REGISTRY_PORT is taken by something else (EMERGENCY_REGISTRY_PORT)"
  mkdir -p "$IMAGES_DIR/registry-data"
  cat >"$config" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $IMAGES_DIR/registry-data
http:
  addr: $REGISTRY
EOF
  start_detached registry "$IMAGES_DIR" docker-registry serve "$config"
  until [[ "$(http_status 127.0.0.1 "$REGISTRY_PORT" /v2/)" == 200 ]]; do
    ((tries++ < 50)) || die "the registry does not answer on $REGISTRY (log $(rel "$LOGS_DIR/registry.log"))"
    sleep 0.2
  done
  log "registry: $REGISTRY (storage $(rel "$IMAGES_DIR/registry-data"))"
}

# Not part of the stack: left running, the harnesses would count it with the stack's processes (its pid file).
registry_stop() {
  ((keep_registry)) && return 0
  stop_processes 10 "registry:$IMAGES_DIR/registry.yml"
}

registry_has() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$REGISTRY/v2/$1/manifests/$2")" == 200 ]]
}

# blob FILE: stores FILE under the layout's blobs by its digest and prints "sha256:<hex> <size>".
blob() {
  local layout="$1" file="$2" hex
  hex="$(sha256sum "$file" | cut -d' ' -f1)"
  cp "$file" "$layout/blobs/sha256/$hex"
  echo "sha256:$hex $(stat -c %s "$file")"
}

base_build() {
  local rootfs="$IMAGES_DIR/base-rootfs.tar" layout="$IMAGES_DIR/base-oci" diff_id layer config manifest
  local layer_digest layer_size config_digest config_size manifest_digest manifest_size
  log "base image: mmdebstrap $SUITE with openjdk-17-jre-headless (a few minutes; Debian's mirror)"
  # Documentation, manuals and translations are of no use in an image; dpkg leaves them out. The JRE's postinst
  # still links its manual page into man1 (update-alternatives), so that directory must exist.
  mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$SUITE" "$rootfs" http://deb.debian.org/debian >"$LOGS_DIR/mmdebstrap.log" 2>&1 || {
    show_log_tail "$LOGS_DIR/mmdebstrap.log" 30
    die "mmdebstrap failed (log $(rel "$LOGS_DIR/mmdebstrap.log"))"
  }

  rm -rf "$layout"
  mkdir -p "$layout/blobs/sha256"
  diff_id="sha256:$(sha256sum "$rootfs" | cut -d' ' -f1)"
  gzip -n -c "$rootfs" >"$IMAGES_DIR/base-layer.tar.gz"
  read -r layer_digest layer_size < <(blob "$layout" "$IMAGES_DIR/base-layer.tar.gz")
  config="$IMAGES_DIR/base-config.json"
  jq -n --arg diff "$diff_id" --arg created "$(date -u +%FT%TZ)" '{
      architecture: "amd64", os: "linux", created: $created,
      config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                     "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"]},
      rootfs: {type: "layers", diff_ids: [$diff]},
      history: [{created: $created, created_by: "mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates bookworm (deploy/k8s/images.sh)"}]
    }' >"$config"
  read -r config_digest config_size < <(blob "$layout" "$config")
  manifest="$IMAGES_DIR/base-manifest.json"
  jq -n --arg cd "$config_digest" --argjson cs "$config_size" --arg ld "$layer_digest" --argjson ls "$layer_size" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $ld, size: $ls}]
    }' >"$manifest"
  read -r manifest_digest manifest_size < <(blob "$layout" "$manifest")
  jq -n --arg md "$manifest_digest" --argjson ms "$manifest_size" --arg tag "$BASE_TAG" '{
      schemaVersion: 2,
      manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $md, size: $ms,
                   annotations: {"org.opencontainers.image.ref.name": $tag}}]
    }' >"$layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  skopeo copy --quiet --dest-tls-verify=false "oci:$layout:$BASE_TAG" "docker://$REGISTRY/$BASE_IMAGE:$BASE_TAG" >&2 ||
    die "pushing the base image failed"
  log "base image: $REGISTRY/$BASE_IMAGE:$BASE_TAG ($((layer_size / 1048576)) MiB compressed)"
}

# Jib writes each image straight to the registry; the process runs as an unprivileged user (185, Jib's usual), not
# root. The application is packaged into target/image-app, not
# target/quarkus-app, so a local stack running from the latter is not disturbed.
services_build() {
  local modules
  modules="$(printf 'services/%s,' "${SERVICES[@]}")"
  log "images: ./mvnw -Dimages package with Jib on $REGISTRY/$BASE_IMAGE:$BASE_TAG (a few minutes)"
  mvnw -q -B -Dimages -DskipTests -pl "${modules%,}" -am package \
    -Dquarkus.package.output-directory=image-app \
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
    -Dquarkus.container-image.group=emergency -Dquarkus.container-image.tag="$(version)" \
    -Dquarkus.jib.user=185 \
    -Dquarkus.jib.base-jvm-image="$REGISTRY/$BASE_IMAGE:$BASE_TAG" >&2 || die "the image build failed (Maven output above)"
  local s
  for s in "${SERVICES[@]}"; do
    registry_has "emergency/$s" "$(version)" || die "emergency/$s:$(version) is not in the registry after the build"
    note "$REGISTRY/emergency/$s:$(version)"
  done
}

CHECK_ROOT=""
CHECK_PID=""

check_cleanup() {
  if [[ -n "$CHECK_PID" ]]; then
    kill -TERM "$CHECK_PID" 2>/dev/null || true
    wait "$CHECK_PID" 2>/dev/null || true
    CHECK_PID=""
  fi
  if [[ -n "$CHECK_ROOT" ]]; then
    umount "$CHECK_ROOT/rootfs/dev" "$CHECK_ROOT/rootfs/proc" 2>/dev/null || true
  fi
  postgres_superuser_psql <<<"DROP DATABASE IF EXISTS $CHECK_GATEWAY_DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  return 0
}

# Unpacks the image as a container runtime would and runs its entrypoint in it, with the Deployment's environment.
check_image() {
  local s="$1" image layout bundle rootfs cwd user port="$CHECK_PORT" deadline code
  image="emergency/$s:$(version)"
  CHECK_ROOT="$IMAGES_DIR/check-$s"
  layout="$CHECK_ROOT/oci"
  bundle="$CHECK_ROOT"
  rootfs="$bundle/rootfs"
  check_cleanup
  rm -rf "$CHECK_ROOT"
  mkdir -p "$CHECK_ROOT"
  skopeo copy --quiet --src-tls-verify=false "docker://$REGISTRY/$image" "oci:$layout:check" >&2 ||
    die "could not pull $image back from the registry"
  umoci unpack --image "$layout:check" "$bundle" >/dev/null || die "umoci could not unpack $image"

  local -a args=() env=()
  mapfile -t args < <(jq -r '.process.args[]' "$bundle/config.json")
  mapfile -t env < <(jq -r '.process.env[]' "$bundle/config.json")
  cwd="$(jq -r '.process.cwd' "$bundle/config.json")"
  user="$(jq -r '"\(.process.user.uid):\(.process.user.gid)"' "$bundle/config.json")"
  log "check: $image unpacked; entrypoint ${args[*]} in $cwd as $user"

  # What the Deployment mounts and sets (deploy/k8s ServiceManifests): the JWT key at its path, the JVM's flags.
  mkdir -p "$rootfs/etc/emergency/jwt"
  cp "$JWT_PUBLIC_PEM" "$rootfs/etc/emergency/jwt/public.pem"
  chmod 0644 "$rootfs/etc/emergency/jwt/public.pem"
  mount -t proc proc "$rootfs/proc" || die "cannot mount /proc in the unpacked image (root needed)"
  mount --bind /dev "$rootfs/dev" || die "cannot bind /dev into the unpacked image"

  local password database=() jvm="-Xmx256m -Xms96m -Xmn48m"
  [[ "$s" == command-gateway ]] && jvm="-Xmx768m -Xms128m -Xmn96m"
  password="$(cat "$KAFKA_CREDENTIALS_DIR/$s.password")"
  if [[ "$s" == command-gateway ]]; then
    postgres_superuser_psql <<<"CREATE DATABASE $CHECK_GATEWAY_DATABASE OWNER $DB_USER" >/dev/null
    database=(EMERGENCY_SERVICE_DATABASE="$CHECK_GATEWAY_DATABASE")
  fi
  # A second instance of the service, beside the stack's own: the same database and consumer groups.
  env -i "${env[@]}" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_HOST:$KAFKA_PORT" KAFKA_PASSWORD="$password" \
    DB_HOST="$PG_HOST" DB_PORT="$PG_PORT" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
    JWT_PUBLIC_KEY=/etc/emergency/jwt/public.pem QUARKUS_HTTP_PORT="$port" MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="$jvm -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError" \
    "${database[@]+"${database[@]}"}" \
    chroot --userspec="$user" "$rootfs" /bin/sh -c 'cd "$0" && exec "$@"' "$cwd" "${args[@]}" \
    >"$LOGS_DIR/image-check-$s.log" 2>&1 &
  CHECK_PID=$!
  deadline=$((SECONDS + 180))
  while :; do
    code="$(http_status 127.0.0.1 "$port" /q/health/ready)"
    [[ "$code" == 200 ]] && break
    kill -0 "$CHECK_PID" 2>/dev/null || {
      show_log_tail "$LOGS_DIR/image-check-$s.log" 40
      die "the image's entrypoint exited before it was ready"
    }
    ((SECONDS < deadline)) || {
      show_log_tail "$LOGS_DIR/image-check-$s.log" 40
      die "not ready after 180 s (HTTP $code)"
    }
    sleep 2
  done
  log "check: $image answers /q/health/ready with 200 on port $port (log $(rel "$LOGS_DIR/image-check-$s.log"))"
  curl -s "http://127.0.0.1:$port/q/health/ready" >&2
  echo >&2
}

main() {
  [[ $EUID -eq 0 ]] || die "run as root: mmdebstrap, umoci and chroot need it"
  require_cmd mmdebstrap mmdebstrap
  require_cmd docker-registry docker-registry
  require_cmd skopeo skopeo
  require_cmd umoci umoci
  require_cmd jq jq
  require_cmd curl curl
  ensure_state_dirs
  mkdir -p "$IMAGES_DIR"
  registry_start
  trap 'check_cleanup; registry_stop' EXIT
  if ((rebuild_base)) || ! registry_has "$BASE_IMAGE" "$BASE_TAG"; then
    base_build
  else
    log "base image: $REGISTRY/$BASE_IMAGE:$BASE_TAG already in the registry (--rebuild-base to make it again)"
  fi
  services_build
  [[ -n "$check" ]] || return 0
  "$REPO_ROOT/deploy/local/up.sh" >&2 || die "deploy/local/up.sh failed: the check needs the local stack"
  check_image "$check"
}

main

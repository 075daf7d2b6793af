#!/usr/bin/env bash
# Writes deploy/k8s/{base,overlays,rendered} from the project's sources (ManifestGenerator). Commit what it writes:
# the k8s-manifests module's tests fail while the committed files differ from what it would write.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
./mvnw -q -B -pl deploy/k8s -am install -DskipTests
./mvnw -q -B -pl deploy/k8s dependency:build-classpath -Dmdep.outputFile=target/classpath
java -cp "deploy/k8s/target/classes:$(cat deploy/k8s/target/classpath)" cn.jinjiang.emergency.k8s.ManifestGenerator "$REPO_ROOT"

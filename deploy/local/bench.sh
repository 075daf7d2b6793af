#!/usr/bin/env bash
# Benchmark harness for the running local stack (start it with deploy/local/up.sh first): report-to-screen latency
# and burst throughput through the real services, then each process's resident memory. Prints figures only.
#
#   deploy/local/bench.sh [SEQUENTIAL_REPORTS] [BURST_REPORTS]     (defaults 100 and 200)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

sequential="${1:-100}"
burst="${2:-200}"
officer=$(deploy/local/token.sh duty-officer 350582100000 2>/dev/null | tail -n 1)
viewer=$(deploy/local/token.sh viewer 2>/dev/null | tail -n 1)

./mvnw -q -pl integration-tests test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test -Dexec.mainClass=cn.jinjiang.emergency.bench.ReportToScreenBenchmark \
  -Dexec.args="http://127.0.0.1:$(service_port incident-intake) ws://127.0.0.1:$(service_port command-gateway)/ws/incidents $officer $viewer $sequential $burst"

echo "resident memory (RSS) after the run:"
for name in "${SERVICES[@]}" kafka; do
  pid_file="$PIDS_DIR/$name.pid"
  if [[ -f "$pid_file" ]] && rss=$(ps -o rss= -p "$(cat "$pid_file")" 2>/dev/null); then
    printf '  %-18s %6d MiB\n' "$name" $((rss / 1024))
  fi
done

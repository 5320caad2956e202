#!/usr/bin/env bash
# The start-up benchmark: the whole suite starts once on its own stack (fresh data in a temporary directory, free
# ports); then each service is stopped and started again on its own while the others run, timed from launching its
# JVM to its readiness probe answering. Builds first when needed.
#   options (defaults): --rounds=3
#   exit status: 0 every service ready within the target (8 s), 1 not, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.StartupBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

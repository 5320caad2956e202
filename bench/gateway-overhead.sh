#!/usr/bin/env bash
# The gateway benchmark: the same read at 32 connections (wrk), straight to billing and through the gateway, and the
# ratio of the two rates: GET /api/v1/accounts/{id} (target >= 0.6) and GET /api/v1/plans (>= 0.4). Starts its own
# stack (all four services, fresh data in a temporary directory, free ports). Needs wrk (apt-get install wrk).
#   options (defaults): --connections=32 --duration=20s
#   exit status: 0 every target met, 1 not met, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.GatewayBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

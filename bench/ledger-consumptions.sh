#!/usr/bin/env bash
# The credit-ledger benchmark: consumptions per second through the ledger service's REST API at 32 concurrent clients
# (one account each), next to the single-row INSERT rate of the same PostgreSQL in the same run, and their ratio.
# Starts its own stack (billing + ledger, fresh data in a temporary directory, free ports), so it runs next to
# ./run-local.sh without touching it. Builds first when a jar is missing or the sources are newer.
#   options (defaults): --clients=32 --warmup=120s --duration=20s; --no-idempotency-key
#   exit status: 0 ratio target (>= 0.5) met, 1 not met, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.LedgerConsumptionBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

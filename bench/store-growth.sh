#!/usr/bin/env bash
# The store-growth benchmark: ledger consumptions' median latency with an almost empty event store and again with at
# least a million events stored (filled in bulk), the plans of the event store's queries at that size, and a full
# rebuild of the journal projection in events per second. Starts its own stack (billing + ledger, fresh data in a
# temporary directory, free ports), so it runs next to ./run-local.sh without touching it. Builds first when needed.
#   options (defaults): --events=1000000 --clients=4 --warmup=60s --duration=20s
#   exit status: 0 every target met, 1 not met, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.StoreGrowthBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

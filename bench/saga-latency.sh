#!/usr/bin/env bash
# The sagas' latency (issue "The sagas"): a signed Stripe dispute webhook through the gateway → the account SUSPENDED,
# at a steady (open-loop) 20 webhooks/s, and a duplicate capture → its automatic refund. Each latency is read from
# billing's event store. Starts its own full stack (fresh data in a temporary directory, free ports), so it runs next
# to ./run-local.sh without touching it. Builds first when a jar is missing or the sources are newer.
#   options (defaults): --rate=20 --duration=30s --warmup=100 (webhooks) --duplicates=100
#   exit status: 0 measured (the report says whether the targets were met), 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.SagaLatencyBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

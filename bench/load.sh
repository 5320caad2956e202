#!/usr/bin/env bash
# The load benchmark: a realistic mix of reads and writes (accounts, subscriptions, charges and duplicates, credit
# consumptions and holds, refund requests, signed dispute webhooks) across the five tenants through the gateway, at
# 8, 32, 64 and 128 concurrent clients, then a check of the books once the suite has settled. Starts its own full stack
# (fresh data in a temporary directory, free ports, the gateway's rate limit raised), so it runs next to
# ./run-local.sh without touching it. Builds first when a jar is missing or the sources are newer.
#   options (defaults): --levels=8,32,64,128 --duration=30s --warmup=30s --accounts=20 (per tenant) --seed=1
#   exit status: 0 target met (no 5xx, no timeouts, books intact), 1 not met, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.LoadBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

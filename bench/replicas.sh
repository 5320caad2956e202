#!/usr/bin/env bash
# The replica benchmark: the realistic mix (as bench/load.sh sends it) with one instance of every service and then
# with two of each and two gateways on the same databases, broker and Redis, on this one machine; prints both
# throughputs and their ratio. Then the mix with clients that retry their writes through both gateways while one
# service's second replica is killed with kill -9 and kept down until the survivor holds all of its processors'
# segments, then started again. Checks: both replicas hold segments of every processor and Kafka partitions, the
# handover within 15 s, the rejoined replica's share, the books and the fault checks (every effect once), and one
# rate limit across both gateways (2 x burst alternating between them: half refused). Starts its own stack.
#   options (defaults): --clients=16 --warmup=60s --measure=60s --duration=60s --accounts=4 (per tenant)
#   --kill=billing
#   exit status: 0 no violations, 1 violations, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.ReplicasBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

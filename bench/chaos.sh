#!/usr/bin/env bash
# The fault benchmark: runs of the realistic mix (as bench/load.sh sends it, with clients that retry their writes)
# during which a random service (billing, ledger, refund or gateway), the Kafka broker and PostgreSQL are each killed
# with kill -9 at a random moment and started again by the stack's supervisor. After each run, once the suite has
# settled: the books (journal balanced, refunded + lost <= captured, approved cases settled once, no dead letters) and
# the fault checks (credits once per period, duplicates reversed once, suspensions match disputes, nothing past its
# deadline, retried writes answered within 10 s of the suite being whole again). Prints "runs N, violations M" and the
# seeds of failing runs; --seed=S --runs=1 replays one. Starts its own stack (temporary data, free ports).
#   options (defaults): --runs=50 --seed=1 --clients=16 --duration=20s --accounts=4 (per tenant)
#   exit status: 0 no violations, 1 violations, 2 the benchmark could not run
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -Dloader.main=dev.fairbill.localstack.ChaosBenchmark \
  -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

#!/usr/bin/env bash
# Starts the whole Fairbill suite locally: embedded PostgreSQL and Kafka, the four services, the gateway on :8080.
# Builds first when a jar is missing or the sources are newer. Needs only a JDK >= 21 (no Docker, no database).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/java-home.sh
source .ci/build-if-stale.sh

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -jar local-stack/target/local-stack.jar

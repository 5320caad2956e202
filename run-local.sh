#!/usr/bin/env bash
# Starts the whole Fairbill suite locally: embedded PostgreSQL and Kafka, the four services, the gateway on :8080.
# Builds first when a jar is missing or the sources are newer. Needs only a JDK >= 21 (no Docker, no database).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/java-home.sh

jars=(billing-service/target/billing-service.jar credit-ledger-service/target/credit-ledger-service.jar
      refund-service/target/refund-service.jar gateway/target/gateway.jar local-stack/target/local-stack.jar)
needs_build=false
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]] || [[ -n "$(find . -path ./.fairbill -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$jar" -print -quit)" ]]; then
    needs_build=true
  fi
done
if [[ "$needs_build" == true ]]; then
  echo "Building Fairbill (./mvnw -B -q package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi

exec "$JAVA_HOME/bin/java" -Dfairbill.root="$PWD" -jar local-stack/target/local-stack.jar

# Sourced by run-local.sh and bench/*.sh (from the checkout's root): builds the service and launcher jars when one is
# missing or older than the sources. MAVEN_ARGS passes extra Maven options, e.g. MAVEN_ARGS=-o to build offline.
jars=(billing-service/target/billing-service.jar credit-ledger-service/target/credit-ledger-service.jar
      refund-service/target/refund-service.jar gateway/target/gateway.jar local-stack/target/local-stack.jar)
needs_build=false
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]] || [[ -n "$(find . \( -path ./.fairbill -o -path '*/target' \) -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$jar" -print -quit)" ]]; then
    needs_build=true
  fi
done
if [[ "$needs_build" == true ]]; then
  echo "Building Fairbill (./mvnw -B -q package -DskipTests) ..."
  # the executable jars go first: repackaging leaves one in place, old dependencies included, when only a
  # dependency (platform, say) changed and the module's own classes did not
  rm -f "${jars[@]}" "${jars[@]/%/.original}"
  ./mvnw -B -q package -DskipTests
fi

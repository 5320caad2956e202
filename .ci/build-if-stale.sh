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
  build_log="${FAIRBILL_DATA:-.fairbill}/logs/build.log"
  mkdir -p "$(dirname "$build_log")"
  echo "Building Fairbill (./mvnw -B -q package -DskipTests; log: $build_log) ..."
  # the executable jars go first: repackaging leaves one in place, old dependencies included, when only a
  # dependency (platform, say) changed and the module's own classes did not
  rm -f "${jars[@]}" "${jars[@]/%/.original}"
  if ! ./mvnw -B -q package -DskipTests > "$build_log" 2>&1; then
    echo "The build failed; $build_log ends:" >&2
    tail -n 40 "$build_log" >&2
    exit 1
  fi
fi

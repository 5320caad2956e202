#!/usr/bin/env bash
# Starts the whole Fairbill suite locally: embedded PostgreSQL, a Kafka broker, the four services, the gateway on :8080.
# Builds first when a jar is missing or the sources are newer. Needs only a JDK >= 21 (no Docker, no database).
# A part that dies is started again by the running stack. To restart one part of a running stack by hand:
#   ./run-local.sh restart billing|ledger|refund|gateway|kafka|postgres
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == restart ]]; then
  part="${2:-}"
  case "$part" in
    billing|ledger|refund|gateway|kafka) signal=TERM ;;   # a graceful stop; the stack starts it again
    postgres) signal=INT ;;                               # PostgreSQL's fast shutdown: it ends open sessions
    *) echo "usage: ./run-local.sh restart billing|ledger|refund|gateway|kafka|postgres" >&2; exit 2 ;;
  esac
  pid_file="${FAIRBILL_DATA:-.fairbill}/run/$part.pid"   # FAIRBILL_DATA: another stack's data directory
  if [[ ! -f "$pid_file" ]] || ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "$part is not running here (no live pid in $pid_file); start the stack with ./run-local.sh" >&2
    exit 1
  fi
  kill -"$signal" "$(cat "$pid_file")"
  echo "Stopped $part (pid $(cat "$pid_file")); the running stack starts it again within a second."
  exit 0
fi

source .ci/java-home.sh
source .ci/build-if-stale.sh

# native access for the launcher's embedded PostgreSQL (JNA), without the JDK's warning on the first screen
# FAIRBILL_AOT_CACHE=false starts the services without their ahead-of-time cache (recorded on the first start)
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dfairbill.root="$PWD" \
  -Dfairbill.aot-cache="${FAIRBILL_AOT_CACHE:-true}" \
  -jar local-stack/target/local-stack.jar

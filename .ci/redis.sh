#!/usr/bin/env bash
# The gateway's tests share rate limits through Redis on 127.0.0.1:6379 (FAIRBILL_TEST_REDIS_URL overrides it). When
# none answers there, installs Debian's redis-server if it is missing and starts one that keeps nothing on disk.
set -euo pipefail
if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "Redis answers on 127.0.0.1:6379"
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  echo "Installing redis-server from Debian's packages ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1; }
fi
redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes
for _ in $(seq 1 50); do
  if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    echo "Redis started on 127.0.0.1:6379"
    exit 0
  fi
  sleep 0.1
done
echo "Redis did not start on 127.0.0.1:6379" >&2
exit 1

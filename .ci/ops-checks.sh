#!/usr/bin/env bash
# Checks the operations code without running it (issue "Operations"): Prometheus' alert rules with their promtool
# unit tests, the scrape config, docker-compose.yml with Debian's docker-compose, and every Kubernetes overlay
# rendered by kustomize. Installs promtool and docker-compose from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if (( ${#missing[@]} )); then
  echo "Installing ${missing[*]} from Debian's packages ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; } \
    || echo "WARNING: could not install ${missing[*]}; their checks are skipped" >&2
fi

if command -v promtool >/dev/null; then
  promtool check config ops/prometheus/prometheus.yml
  promtool check rules ops/prometheus/rules/*.yml
  promtool test rules ops/prometheus/tests/*.test.yml
fi
if command -v docker-compose >/dev/null; then
  docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid"
fi
ops/prometheus/render-prometheus-rule.sh | diff -u k8s/overlays/production/prometheus-rule.yaml - \
  || { echo "k8s/overlays/production/prometheus-rule.yaml is stale: run ops/prometheus/render-prometheus-rule.sh" >&2; exit 1; }
if command -v kubectl >/dev/null; then
  for overlay in k8s/overlays/*/; do
    kubectl kustomize "$overlay" >/dev/null && echo "$overlay: renders"
  done
else
  echo "kubectl is not installed: the Kubernetes overlays were not rendered" >&2
fi

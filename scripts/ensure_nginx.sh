#!/usr/bin/env bash
# The replica test (tests/browser/test_replicas.py), `make serve` and `python -m bench.load
# --proxy` run Debian's nginx as a plain process (no service). Installs it through apt when it
# is missing and apt is available; under CI=true a missing nginx is an error, never a skip.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing nginx for the replica test and make serve"
  $SUDO apt-get update -qq
  # --no-install-recommends: the binary only; policy-rc.d keeps apt from starting the service.
  if [ "$(id -u)" -eq 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx \
    >/dev/null
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || {
    echo "apt-get install nginx did not provide nginx" >&2; exit 1; }
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true but nginx is missing and there is no apt-get: the replica test cannot run" >&2
  exit 1
else
  echo "note: nginx missing and no apt-get; the replica test will be skipped" >&2
fi

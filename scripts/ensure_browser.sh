#!/usr/bin/env bash
# Browser tests need Debian's chromium and CJK fonts (without them Chinese renders as boxes).
# Installs them through apt when they are missing and apt is available; under CI=true a
# missing browser is an error, never a silent skip.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing ${need[*]} for the browser tests"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true but ${need[*]} missing and no apt-get: browser tests cannot run" >&2
  exit 1
else
  echo "note: ${need[*]} missing and no apt-get; browser tests will be skipped" >&2
fi

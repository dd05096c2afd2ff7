#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run them.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium (for the report's browser test)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "== installing jirga with its test dependencies"
python3 -m pip install -q -e '.[test]'
echo "== ruff"
python3 -m ruff check src tests benchmarks
echo "== pytest"
python3 -m pytest "$@"

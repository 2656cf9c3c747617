#!/usr/bin/env bash
# `make load`: a bounded load test of gunicorn + PostgreSQL on loopback, recorded in bench/results-load.md.
# Locust gets its own virtual environment (var/locust-venv): installed in .venv its pytest plugin would
# monkey-patch the test suite with gevent.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOCUST_VENV=${MAILLAGE_LOCUST_VENV:-$PWD/var/locust-venv}
if [ ! -x "$LOCUST_VENV/bin/locust" ]; then
  python3 -m venv "$LOCUST_VENV"
  "$LOCUST_VENV/bin/pip" install --quiet 'locust>=2.20'
fi
if [ ! -x .venv/bin/gunicorn ]; then
  .venv/bin/pip install --quiet gunicorn
fi
export MAILLAGE_LOCUST_VENV=$LOCUST_VENV
exec bash scripts/with-postgres.sh bash bench/load/inside.sh

#!/usr/bin/env bash
# The load test proper, run by bench/load/run.sh once PostgreSQL is up (DATABASE_URL is set).
# Everything is bounded: the demo size, the number of users, the duration; the script stops by itself.
set -euo pipefail
ORGANIZATIONS=${MAILLAGE_LOAD_ORGANIZATIONS:-20000}
USERS=${MAILLAGE_LOAD_USERS:-50}
DURATION=${MAILLAGE_LOAD_DURATION:-2m}
# A free port unless one is given: another server on a fixed port would silently take the load.
PORT=${MAILLAGE_LOAD_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORKERS=${MAILLAGE_LOAD_WORKERS:-4}
OUT=${MAILLAGE_LOAD_RESULTS:-bench/results-load.md}
WORK=$(mktemp -d /tmp/maillage-load.XXXXXX)
PY=.venv/bin/python

# The production settings of docs/deployment.md, minus HTTPS (loopback).
export PYTHONPATH=src:. MAILLAGE_VAR_DIR=$WORK MAILLAGE_ALLOWED_HOSTS=127.0.0.1 \
  MAILLAGE_SECRET_KEY="load-test-$(head -c 24 /dev/urandom | base64)" MAILLAGE_TASKS_BACKEND=database \
  MAILLAGE_CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache MAILLAGE_CACHE_LOCATION=maillage_cache \
  MAILLAGE_DB_CONN_MAX_AGE=600

started=$(date +%s)
$PY -m maillage migrate -v0
$PY -m maillage createcachetable
$PY -m maillage collectstatic --noinput -v0
$PY -m maillage demo --organizations "$ORGANIZATIONS" --if-empty | tail -1
$PY -m bench.load.prepare "$WORK/targets.json"
# What the worker does in production after the data changed: every network's dashboard and map computed.
$PY -m maillage warm | tail -1
echo "Database ready in $(( $(date +%s) - started )) s."

if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
  echo "Something already answers on port $PORT: choose another MAILLAGE_LOAD_PORT." >&2
  exit 1
fi
.venv/bin/gunicorn maillage.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class gthread \
  --threads 2 --timeout 120 --keep-alive 75 --log-level warning --pid "$WORK/gunicorn.pid" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
if ! kill -0 "$GUNICORN" 2>/dev/null; then
  echo "gunicorn did not start." >&2
  exit 1
fi

# One warm-up pass (first analyses fill the shared cache), not counted.
MAILLAGE_LOAD_TARGETS="$WORK/targets.json" timeout 120 "$MAILLAGE_LOCUST_VENV/bin/locust" \
  -f bench/load/locustfile.py --headless -u 5 -r 5 -t 20s --host "http://127.0.0.1:$PORT" \
  --only-summary --loglevel ERROR >/dev/null 2>&1 || true

# The service time of each page alone (no queueing), to tell slow pages from a saturated machine.
$PY -m bench.load.solo "$WORK/targets.json" "http://127.0.0.1:$PORT" "$WORK/solo.json" || true

export MAILLAGE_LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
MAILLAGE_LOAD_TIMES="$WORK/times.json" MAILLAGE_LOAD_TARGETS="$WORK/targets.json" timeout 600 "$MAILLAGE_LOCUST_VENV/bin/locust" \
  -f bench/load/locustfile.py --headless -u "$USERS" -r 10 -t "$DURATION" --stop-timeout 10 \
  --host "http://127.0.0.1:$PORT" --csv "$WORK/load" --only-summary --loglevel WARNING || true

$PY -m bench.load.report "$WORK/load_stats.csv" "$OUT" --organizations "$ORGANIZATIONS" --users "$USERS" \
  --duration "$DURATION" --workers "$WORKERS" --failures "$WORK/load_failures.csv" --times "$WORK/times.json" --solo "$WORK/solo.json"

# The same database through `maillage backup` and `maillage restore --check`, for the operators' schedule.
kill "$GUNICORN" 2>/dev/null || true
started=$(date +%s.%N)
summary=$(timeout 900 $PY -m maillage backup --out "$WORK/backup.zip" | tail -1) || summary="backup failed"
backup_seconds=$(echo "$(date +%s.%N) - $started" | bc)
started=$(date +%s.%N)
timeout 900 $PY -m maillage restore --check "$WORK/backup.zip" >/dev/null && checked="verified" || checked="NOT verified"
check_seconds=$(echo "$(date +%s.%N) - $started" | bc)
size=$(du -m "$WORK/backup.zip" 2>/dev/null | cut -f1)
{
  echo "## Backup of this database"
  echo
  echo "$summary"
  printf 'Took %.0f s; archive %s MB; `restore --check` %s it in %.0f s.\n' \
    "$backup_seconds" "${size:-?}" "$checked" "$check_seconds"
} >> "$OUT"
cat "$OUT"

#!/usr/bin/env bash
# `make run`: migrate, load the demo data on an empty database, serve on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=src
export MAILLAGE_DEBUG="${MAILLAGE_DEBUG:-true}"
PY=.venv/bin/python
mkdir -p var
if ! ls src/maillage/locale/fr/LC_MESSAGES/django.mo >/dev/null 2>&1; then
  echo "Compiled translations are missing; run 'make messages' (needs gettext)." >&2
fi
$PY -m maillage migrate --noinput -v0
$PY -m maillage demo --if-empty
cat <<'MSG'

  Maillage is starting on http://127.0.0.1:8000
  Demo accounts (password: demo-maillage-2026):
    admin         administrator, sees everything
    coordination  coordinator of the first demo network
    membre        member (read-only) of that network
    autre         coordinator of another network
    region        regional viewer of the first network's region

MSG
exec $PY -m maillage runserver "${MAILLAGE_BIND:-127.0.0.1:8000}"

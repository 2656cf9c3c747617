#!/usr/bin/env bash
# Install the Debian packages the checks need, only when missing:
# gettext (compiled catalogues), PostgreSQL (the second database), Chromium (browser tests),
# poppler-utils (PDF pages to images), Pango (PDF reports).
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig fonts-dejavu-core)
# WeasyPrint draws PDF reports with Pango.
ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

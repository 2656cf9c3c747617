#!/usr/bin/env bash
# Fetch the front-end libraries from the npm registry at pinned versions and copy the files the
# app serves into src/maillage/static/vendor/. The result is committed: running the app needs no Node.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/maillage/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# package@version  file-inside-package  name-in-vendor
PACKAGES=(
  "htmx.org@2.0.4 dist/htmx.min.js htmx.min.js"
)

mkdir -p "$DEST"
for entry in "${PACKAGES[@]}"; do
  read -r spec file name <<<"$entry"
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  tarball=$(ls "$WORK"/*.tgz | head -1)
  tar -xzf "$tarball" -C "$WORK"
  cp "$WORK/package/$file" "$DEST/$name"
  echo "$spec -> $DEST/$name"
  rm -rf "$WORK/package" "$tarball"
done

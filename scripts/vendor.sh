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
  "graphology@0.26.0 dist/graphology.umd.min.js graphology.umd.min.js"
  "sigma@3.0.3 dist/sigma.min.js sigma.min.js"
  "vega@6.4.0 build/vega.min.js vega.min.js"
  "vega-lite@6.5.0 build/vega-lite.min.js vega-lite.min.js"
  "vega-embed@7.3.0 build/vega-embed.min.js vega-embed.min.js"
)
# Test-only: axe-core is injected into pages by the accessibility checks, never served by the app.
TEST_PACKAGES=(
  "axe-core@4.14.1 axe.min.js axe.min.js"
)

mkdir -p "$DEST"
fetch() {
  local spec=$1 file=$2 dest=$3
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  tarball=$(ls "$WORK"/*.tgz | head -1)
  tar -xzf "$tarball" -C "$WORK"
  cp "$WORK/package/$file" "$dest"
  cp "$WORK/package/LICENSE"* "$dest.LICENSE" 2>/dev/null || true
  echo "$spec -> $dest"
  rm -rf "$WORK/package" "$tarball"
}

for entry in "${PACKAGES[@]}"; do
  read -r spec file name <<<"$entry"
  fetch "$spec" "$file" "$DEST/$name"
done
mkdir -p tests/e2e/vendor
for entry in "${TEST_PACKAGES[@]}"; do
  read -r spec file name <<<"$entry"
  fetch "$spec" "$file" "tests/e2e/vendor/$name"
done

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
  "swagger-ui-dist@5.35.0 swagger-ui-bundle.js swagger-ui-bundle.js"
  "swagger-ui-dist@5.35.0 swagger-ui.css swagger-ui.css"
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

# vega-interpreter evaluates Vega expressions without `new Function`, so the Content-Security-Policy needs no
# 'unsafe-eval'. It ships only as an ES module importing vega-util: turn it into a classic script that takes
# vega-util's functions from the global `vega` bundle and adds `vega.expressionInterpreter`, which vega-embed
# picks up when called with `ast: true` (see static/maillage/charts.js).
fetch "vega-interpreter@2.3.2" build/vega-interpreter.js "$WORK/vega-interpreter.js"
{
  echo "/* vega-interpreter@2.3.2 (BSD-3-Clause), wrapped by scripts/vendor.sh for the global vega bundle */"
  echo "(function (vega) {"
  sed -e "s/^import { \(.*\) } from 'vega-util';$/const { \1 } = vega;/" \
      -e 's/^export { expression as expressionInterpreter };$/vega.expressionInterpreter = expression;/' \
      "$WORK/vega-interpreter.js"
  echo "})(window.vega);"
} >"$DEST/vega-interpreter.js"
cp "$WORK/vega-interpreter.js.LICENSE" "$DEST/vega-interpreter.js.LICENSE" 2>/dev/null || true

#!/usr/bin/env bash
# Maintainers only: refresh the vendored front-end files in congso/static/vendor/ from
# the npm registry with `npm pack` (npm is never used at build or run time).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=congso/static/vendor
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fetch() { (cd "$TMP" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$1" && tar -xzf "$1"-*.tgz -C "$1" && rm "$1"-*.tgz); }
fetch bootstrap 5.3.8
fetch htmx.org 2.0.11
fetch chart.js 4.6.1
mkdir -p "$DEST"/{bootstrap,htmx,chartjs}
cp "$TMP"/bootstrap/package/dist/css/bootstrap.min.css "$DEST"/bootstrap/
cp "$TMP"/bootstrap/package/dist/js/bootstrap.bundle.min.js "$DEST"/bootstrap/
cp "$TMP"/bootstrap/package/LICENSE "$DEST"/bootstrap/LICENSE
cp "$TMP"/htmx.org/package/dist/htmx.min.js "$DEST"/htmx/
cp "$TMP"/htmx.org/package/LICENSE "$DEST"/htmx/LICENSE
cp "$TMP"/chart.js/package/dist/chart.umd.min.js "$DEST"/chartjs/ 2>/dev/null || cp "$TMP"/chart.js/package/dist/chart.umd.js "$DEST"/chartjs/chart.umd.min.js
cp "$TMP"/chart.js/package/LICENSE.md "$DEST"/chartjs/LICENSE.md
cat > "$DEST"/VERSIONS <<V
bootstrap  5.3.8   npm:bootstrap   MIT  (dist/css/bootstrap.min.css, dist/js/bootstrap.bundle.min.js)
htmx.org   2.0.11  npm:htmx.org    0BSD (dist/htmx.min.js)
chart.js   4.6.1   npm:chart.js    MIT  (dist/chart.umd.min.js)
V
# Strip source-map comments: the maps are not vendored.
sed -i '/sourceMappingURL/d' "$DEST"/bootstrap/*.min.* "$DEST"/chartjs/*.js
echo "vendored into $DEST"

#!/bin/sh
# Rebuild ccaward/static/js/echarts.kpi.min.js: the ECharts modules the KPI pages use,
# bundled with rollup. Needs node and the npm registry; the output is committed, so
# installing or running ccaward never builds anything.
#
#   sh scripts/echarts/build.sh
#
# To add a chart type or component: import and `use` it in entry.js, rebuild, and
# update ccaward/static/js/README.md (size, contents).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/entry.js" "$here/rollup.config.mjs" "$here/package.json" "$work/"
cd "$work"
npm install --no-audit --no-fund --no-package-lock >/dev/null
OUT="$root/ccaward/static/js/echarts.kpi.min.js" npx rollup -c rollup.config.mjs
ls -l "$root/ccaward/static/js/echarts.kpi.min.js"

#!/usr/bin/env bash
# The first-load weight budget (issues 5 and 15): the files of dist/ that the first load
# fetches (perf/first-load.mjs: index.html and what it names), each compressed with
# gzip -9 and summed; CI fails above SIZE_CEILING_BYTES. The other files (the service worker
# and its later precache, the manifest, its icons) are listed and summed apart.
#   scripts/size-budget.sh [DIST]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=perf/budgets.env
source perf/budgets.env
dist=${1:-dist}
[[ -f "$dist/index.html" ]] || { echo "size-budget: no $dist/index.html; build first (trunk build --release)" >&2; exit 2; }

groups=$(node perf/first-load.mjs "$dist")
declare -A total=([first]=0 [later]=0)
for group in first later; do
  [[ $group == first ]] && echo "fetched by the first load:" || echo "fetched after the load event, or later (the registration, the worker and its precache, the manifest, its icons):"
  printf '  %-46s %10s %10s\n' file raw gzip-9
  while read -r kind file; do
    [[ $kind == "$group" ]] || continue
    raw=$(stat -c %s "$dist/$file")
    gz=$(gzip -9 -n -c "$dist/$file" | wc -c)
    total[$group]=$((total[$group] + gz))
    printf '  %-46s %10d %10d\n' "$file" "$raw" "$gz"
  done <<<"$groups"
done
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
first_kb=$(kb "${total[first]}")
echo "first load: ${first_kb} KB gzip -9, ${total[first]} B (ceiling ${SIZE_CEILING_BYTES} B, $(kb "$SIZE_CEILING_BYTES") KB)"
worker=$(gzip -9 -n -c "$dist/sw.js" | wc -c)
echo "later: $(kb "${total[later]}") KB gzip -9 (not in the ceiling)"
echo "the worker's precache: $(kb $((total[first] + total[later] - worker))) KB gzip -9 (every file but sw.js; the first load's files again unless the host answers the revalidation with 304)"
if ((total[first] > SIZE_CEILING_BYTES)); then
  echo "size-budget: FAIL: ${total[first]} B is over the ${SIZE_CEILING_BYTES} B ceiling: the page grew" >&2
  exit 1
fi

#!/usr/bin/env bash
# The first-load weight budget (issue 5): every file of dist/ — all of which the default
# page loads — compressed with gzip -9 and summed. Sizes are deterministic, so CI fails
# above SIZE_LIMIT_KB; the goal is printed beside it.
#   scripts/size-budget.sh [DIST]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=perf/budgets.env
source perf/budgets.env
dist=${1:-dist}
[[ -f "$dist/index.html" ]] || { echo "size-budget: no $dist/index.html; build first (trunk build --release)" >&2; exit 2; }

total=0
printf '%-48s %10s %10s\n' file raw gzip-9
while IFS= read -r -d '' file; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -n -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-48s %10d %10d\n' "${file#"$dist"/}" "$raw" "$gz"
done < <(find "$dist" -type f -print0 | sort -z)
kb=$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1024 }')
echo "first load: ${kb} KB gzip -9 (ceiling ${SIZE_CEILING_KB} KB, limit ${SIZE_LIMIT_KB} KB, goal ${SIZE_GOAL_KB} KB, stretch ${SIZE_STRETCH_KB} KB)"
if ((total > SIZE_CEILING_KB * 1024)); then
  echo "size-budget: FAIL: ${kb} KB is over the ${SIZE_CEILING_KB} KB ceiling: the page grew" >&2
  exit 1
fi
if ((total > SIZE_LIMIT_KB * 1024)); then
  if [[ "$SIZE_LIMIT_ENFORCED" == true ]]; then
    echo "size-budget: FAIL: ${kb} KB is over the ${SIZE_LIMIT_KB} KB limit" >&2
    exit 1
  fi
  echo "size-budget: ${kb} KB is over the ${SIZE_LIMIT_KB} KB limit (not enforced yet: perf/budgets.env)"
fi

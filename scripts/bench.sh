#!/usr/bin/env bash
# Benchmarks (issues 5 and 15): the engine with criterion, then the page in headless
# Chromium (weight, first paint, time to interactive, edit-to-paint latency), then
# Lighthouse's desktop preset on the same build. Figures are printed, not asserted.
#   scripts/bench.sh          full runs (figures for BENCHMARKS.md)
#   scripts/bench.sh --quick  CI's short runs
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)

echo "== engine (criterion)"
cargo bench --locked --bench engine -- "${quick[@]}" 2>&1 | grep -E '^[a-z0-9].*|time:' || true

echo "== page (headless Chromium)"
[[ -f dist/index.html ]] || trunk build --release --offline
cargo build --quiet --bin stackdraft
bash scripts/size-budget.sh >/dev/null || true
node perf/bench.mjs "${quick[@]}"

echo "== Lighthouse (desktop preset, Debian's Chromium)"
node perf/lighthouse.mjs "${quick[@]}"

if [[ ${#quick[@]} -eq 0 ]]; then
  echo "== what the stack costs (gzip -9 of the wasm)"
  bash scripts/size-floor.sh
fi

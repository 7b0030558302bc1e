#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on a copy of its committed corpus, when a
# nightly toolchain is installed; prints executions and findings. New crashes land in
# fuzz/artifacts/<target>/: add them to fuzz/corpus/<target>/ once fixed.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain; skipping the fuzz runs (the corpus is still replayed by cargo test)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in config_render link_decode file_open; do
  mkdir -p "$work/$target"
  log="$work/$target.log"
  echo "fuzz: $target for ${seconds}s"
  if cargo +nightly fuzz run --fuzz-dir fuzz "$target" "$work/$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $target ok: ${runs:-?} executions, no crash"
  else
    echo "fuzz: $target FOUND A CRASH:" >&2
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -n 30 "$log" >&2
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# The weight of the page at each commit given: builds each in a detached worktree
# (target/size-at-commits, its own cargo target) and prints the gzip -9 bytes of the wasm,
# the JS (service worker and its registration left out), the CSS and index.html, with the
# wasm's hash. How BENCHMARKS.md's weight log measures what a feature cost.
#   perf/size-at-commits.sh COMMIT...
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_OFFLINE=true
tree=$root/target/size-at-commits
[[ -d $tree ]] || git worktree add --detach "$tree" HEAD >/dev/null
cd "$tree"
[[ -e node_modules ]] || ln -s "$root/node_modules" node_modules
gz() { gzip -9 -n -c "$1" | wc -c; }
# Builds since the inlined stylesheet have no CSS file.
shopt -s nullglob
for commit in "$@"; do
  git checkout --quiet --force "$commit"
  rm -rf dist
  if ! trunk build --release --offline >"$tree.log" 2>&1; then
    echo "$commit: build failed (see $tree.log)"
    continue
  fi
  wasm=0 js=0 css=0
  for f in dist/*.wasm; do wasm=$((wasm + $(gz "$f"))); done
  for f in dist/*.js; do
    case $f in */sw.js | */sw-register.js) ;; *) js=$((js + $(gz "$f"))) ;; esac
  done
  for f in dist/*.css; do css=$((css + $(gz "$f"))); done
  html=$(gz dist/index.html)
  hash=$(cat dist/*.wasm | sha256sum | cut -c1-12)
  echo "$(git log -1 --format=%h) wasm=$wasm js=$js css=$css html=$html total=$((wasm + js + css + html)) wasm-sha256=$hash"
done

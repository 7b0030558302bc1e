#!/usr/bin/env bash
# What the chosen stack costs before any of the page exists (issue 5): the gzip -9 weight
# of a bare Leptos page, of the smallest page over the engine (validate, render, share
# link), and of the real app's wasm, each built like the app (release profile, wasm-bindgen,
# wasm-opt -Oz). Prints figures; asserts nothing.
#   scripts/size-floor.sh        (needs the web tools: scripts/install-web-tools.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

weigh() { # NAME WASM
  wasm-bindgen --target web --out-dir "$work/$1" --out-name probe "$2"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/$1/probe_bg.wasm" -o "$work/$1/opt.wasm"
  local wasm js
  wasm=$(gzip -9 -n -c "$work/$1/opt.wasm" | wc -c)
  js=$(gzip -9 -n -c "$work/$1/probe.js" | wc -c)
  awk -v n="$1" -v w="$wasm" -v j="$js" \
    'BEGIN { printf "%-34s wasm %7.1f KB   js glue %5.1f KB   (gzip -9)\n", n, w / 1024, j / 1024 }'
}

cargo build --quiet --release --target wasm32-unknown-unknown --features size-probes \
  --bin size-floor-leptos --bin size-floor-engine
cargo build --quiet --release --target wasm32-unknown-unknown --bin stackdraft-web
out=target/wasm32-unknown-unknown/release
weigh "bare Leptos page" "$out/size-floor-leptos.wasm"
weigh "Leptos + engine (no form)" "$out/size-floor-engine.wasm"
weigh "the app" "$out/stackdraft-web.wasm"

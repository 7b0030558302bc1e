#!/usr/bin/env bash
# Builds the browser app for release and runs the browser tests (e2e/*.test.mjs) in
# Debian's headless Chromium against dist/ served on 127.0.0.1. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-web-tools.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
trunk build --release --offline
# The tests compare every download with what the CLI renders for the same design.
cargo build --quiet --bin stackdraft
export STACKDRAFT_CLI="$PWD/target/debug/stackdraft"
export STACKDRAFT_DIST="$PWD/dist"
node --test --test-concurrency=1 e2e/*.test.mjs

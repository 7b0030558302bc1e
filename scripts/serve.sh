#!/usr/bin/env bash
# Serves the browser app at http://127.0.0.1:8080/ with Trunk, rebuilding on changes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-web-tools.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
# No auto-reload or error-reporting scripts: the page runs under its strict CSP here too.
exec trunk serve --release --offline --no-autoreload --no-error-reporting --address 127.0.0.1 --port 8080

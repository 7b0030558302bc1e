#!/usr/bin/env bash
# Installs what the browser app's build and tests need, each step skipped when the right
# version is already there: the wasm32 target, Trunk, wasm-bindgen-cli (the version in
# Cargo.lock), binaryen's wasm-opt, playwright-core, terser (minifies the JS glue) and
# lighthouse (the benchmark) and axe-core (the accessibility tests) from npm, and Debian's Chromium.
# Uses only crates.io, the npm registry and Debian's packages; never downloads a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=versions.env
source scripts/versions.env
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'install-web-tools: %s\n' "$*"; }

# Tools built from crates.io: built without LTO, which takes far longer on two cores.
cargo_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The pinned wasm-bindgen must be the one the app links against.
locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -n "$locked" ] && [ "$locked" != "$WASM_BINDGEN_VERSION" ]; then
  say "Cargo.lock has wasm-bindgen $locked but scripts/versions.env pins $WASM_BINDGEN_VERSION; update versions.env and Trunk.toml"
  exit 1
fi

# Trunk.toml names the same versions (it cannot read this file): keep them in step.
grep -qx "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml ||
  { say "Trunk.toml [tools] wasm_bindgen differs from scripts/versions.env ($WASM_BINDGEN_VERSION)"; exit 1; }
grep -qx "wasm_opt = \"version_${BINARYEN_NPM_VERSION%%.*}\"" Trunk.toml ||
  { say "Trunk.toml [tools] wasm_opt differs from scripts/versions.env (version_${BINARYEN_NPM_VERSION%%.*})"; exit 1; }

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  cargo_install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

npm_ok() {
  [ -x node_modules/.bin/wasm-opt ] || return 1
  [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" = "${BINARYEN_NPM_VERSION%%.*}" ] || return 1
  local package want have
  for package in playwright-core terser lighthouse axe-core; do
    want=$(node -p "require('./package-lock.json').packages['node_modules/$package'].version")
    have=$(node -p "require('./node_modules/$package/package.json').version" 2>/dev/null || true)
    [ "$want" = "$have" ] || return 1
  done
}
if npm_ok; then
  say "npm packages (binaryen $BINARYEN_NPM_VERSION, playwright-core, terser, lighthouse, axe-core): present"
else
  # Playwright and Lighthouse's puppeteer must never fetch a browser: the tests and the
  # benchmark drive Debian's Chromium.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ -x /usr/bin/chromium ]; then
  say "chromium: present"
else
  apt_install chromium chromium-driver
fi

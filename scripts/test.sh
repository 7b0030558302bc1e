#!/usr/bin/env bash
# Runs every test of Stackdraft. Installs what it needs on a fresh machine first.
#   scripts/test.sh          everything
#   scripts/test.sh --quick  skip the browser tests and the cfn-lint sweep
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

if ! command -v cfn-lint >/dev/null 2>&1; then
  step "installing cfn-lint"
  python3 -m pip install --quiet "cfn-lint==1.51.0"
fi

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings

if $quick; then
  step "cargo test (quick: no cfn-lint sweep)"
  cargo test --locked -- --skip every_template_passes_cfn_lint
else
  step "cargo test"
  cargo test --locked
fi

if ! $quick && [[ -x scripts/e2e.sh ]]; then
  step "web app: clippy for wasm32, build, browser tests"
  bash scripts/e2e.sh
fi

printf '\nall tests passed in %ss\n' "$((SECONDS - started))"

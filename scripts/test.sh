#!/usr/bin/env bash
# Runs every test of Stackdraft, installing what it needs on a fresh machine first.
#   scripts/test.sh          everything (what CI runs)
#   scripts/test.sh --quick  native checks only: no browser, cfn-lint sweep, fuzzing or benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

step() { printf '\n==> %s (%ss)\n' "$*" "$SECONDS"; }

step "tools for the native tests"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
command -v cfn-lint >/dev/null 2>&1 || python3 -m pip install --quiet "cfn-lint==1.51.0"
if ! command -v shellcheck >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck
fi
command -v node >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
# The CLI tests check `stackdraft man` with groff.
command -v groff >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq groff-base; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings

if $quick; then
  step "cargo test (quick: no cfn-lint sweep, no checkov, no aws command check)"
  cargo test --locked -- --skip every_template_passes_cfn_lint --skip checkov_finds_only --skip every_aws_command
  printf '\nquick tests passed in %ss\n' "$SECONDS"
  exit 0
fi

step "checkov 3.3.30 (its own virtualenv)"
# checkov, the field's security scanner, pinned, in its own virtualenv: its dependencies
# would otherwise replace packages other Python tools on the machine rely on.
checkov_venv=target/checkov-venv
if [[ "$("$checkov_venv/bin/checkov" --version 2>/dev/null || true)" != "3.3.30" ]]; then
  python3 -m venv "$checkov_venv"
  "$checkov_venv/bin/pip" install --quiet --disable-pip-version-check "checkov==3.3.30"
fi
export CHECKOV="$PWD/$checkov_venv/bin/checkov"

step "awscli 1.46.3 (its own virtualenv: the CLI's command tables and botocore's models)"
# The kit's aws commands are checked against the AWS CLI's own tables (tests/kit.rs).
awscli_venv=target/awscli-venv
if [[ "$("$awscli_venv/bin/python" -c 'import awscli; print(awscli.__version__)' 2>/dev/null || true)" != "1.46.3" ]]; then
  python3 -m venv "$awscli_venv"
  "$awscli_venv/bin/pip" install --quiet --disable-pip-version-check "awscli==1.46.3"
fi
export AWSCLI_PYTHON="$PWD/$awscli_venv/bin/python"

step "cargo test"
cargo test --locked

step "shell scripts: shellcheck"
shellcheck -x -P SCRIPTDIR scripts/*.sh .ci/run

step "web app: tools, clippy for wasm32"
bash scripts/install-web-tools.sh
cargo clippy --target wasm32-unknown-unknown --features size-probes --bins --locked -- -D warnings

step "web app: release build and browser tests"
bash scripts/e2e.sh

step "size budget"
bash scripts/size-budget.sh

step "reproducible build"
bash scripts/repro-check.sh

step "fuzzing (60 s a target, when nightly is installed)"
bash scripts/fuzz.sh 60

step "benchmarks (quick; figures printed, not asserted)"
bash scripts/bench.sh --quick

printf '\nall tests passed in %ss\n' "$SECONDS"

#!/usr/bin/env bash
# Reproducible builds (issue 6): two release builds of the same commit give a
# byte-identical dist/. Hashes dist/, removes it, builds again and compares.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true

hash_dist() { (cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

[[ -d dist ]] || trunk build --release --offline
first=$(hash_dist)
rm -rf dist
trunk build --release --offline >/dev/null 2>&1
second=$(hash_dist)
if [[ "$first" != "$second" ]]; then
  echo "repro-check: FAIL: the second build differs:" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
echo "repro-check: dist/ is byte-identical across two builds ($(wc -l <<<"$second") files)"
while IFS= read -r line; do echo "  $line"; done <<<"$second"

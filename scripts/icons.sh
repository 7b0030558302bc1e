#!/usr/bin/env bash
# Regenerates the web app manifest's icons (public/icon-192.png, public/icon-512.png) from
# public/favicon.svg with Debian's rsvg-convert (librsvg2-bin 2.54). Deterministic; the PNGs
# are committed, so the build does not need this tool: run it after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin
fi
for size in 192 512; do
  rsvg-convert --width "$size" --height "$size" public/favicon.svg --output "public/icon-$size.png"
  echo "public/icon-$size.png: $(stat -c %s "public/icon-$size.png") bytes"
done

#!/usr/bin/env bash
# Regenerates the application icons in icons/ from icons/cloudwright.svg.
# Needs rsvg-convert (librsvg2-bin) and npx (the Tauri CLI is fetched from npm on demand).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$repo_root/icons"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rsvg-convert --width 1024 --height 1024 "$icons/cloudwright.svg" --output "$work/cloudwright-1024.png"
# The Tauri CLI writes every platform's icon set; keep the desktop ones tauri.conf.json lists.
if ! (cd "$work" && npx --yes @tauri-apps/cli@2 icon "$work/cloudwright-1024.png" --output "$work/out") \
  >"$work/tauri-icon.log" 2>&1; then
  cat "$work/tauri-icon.log" >&2
  exit 1
fi
for name in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns; do
  cp "$work/out/$name" "$icons/$name"
done
cp "$work/cloudwright-1024.png" "$icons/cloudwright-1024.png"
echo "icons: regenerated $(ls "$icons" | wc -l) files in icons/"

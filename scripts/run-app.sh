#!/usr/bin/env bash
# Opens the desktop app on DATA_DIR, first filling it with the demo workspace if it holds no
# workspace yet. Used by `make run`; expects the app and the CLI to be built already.
#   usage: scripts/run-app.sh APP CLI DATA_DIR
set -euo pipefail

app="$1"
cli="$2"
data_dir="$3"
demo_workspace="데모-데이터센터"

mkdir -p "$data_dir"
workspace_count=0
if listing="$("$cli" workspace list --data-dir "$data_dir" --json)"; then
  # Accept a bare array or an object with a `workspaces` array.
  workspace_count="$(node -e '
    const value = JSON.parse(require("fs").readFileSync(0, "utf8") || "[]");
    const list = Array.isArray(value) ? value : (value.workspaces ?? []);
    console.log(list.length);' <<<"$listing")"
else
  echo "run: could not list the workspaces in $data_dir (see above); trying the demo anyway" >&2
fi

if [ "$workspace_count" -gt 0 ]; then
  echo "run: $workspace_count workspace(s) in $data_dir"
else
  echo "run: creating the demo workspace $demo_workspace (2000 assets, a room of 20 racks with their cables, seed 7) in $data_dir"
  "$cli" demo --data-dir "$data_dir" --workspace "$demo_workspace" --assets 2000 --racks 20 \
    --cables 5000 --seed 7
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display to open a window on (DISPLAY is unset); try: xvfb-run -a make run" >&2
  exit 1
fi
echo "run: opening Cloudwright (CLOUDWRIGHT_DATA_DIR=$data_dir)"
CLOUDWRIGHT_DATA_DIR="$data_dir" exec "$app"

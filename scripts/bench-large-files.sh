#!/usr/bin/env bash
# Large files (issue 20, `sync::large_files`): one file of MB megabytes (default 500, random
# bytes) stored on device A (`file put`), uploaded to the real release `cloudwright-sync` on
# 127.0.0.1 (`sync`: every part acknowledged only once durable there), downloaded on device B
# (`file fetch` + `sync`: every part durable there) and saved to a file (`file get`), each step
# timed; against `cp` + `sync` of the same file on the same disk in the same run. Peak resident
# memory: each CLI step's (`/usr/bin/time`'s maximum RSS) and the server's (VmHWM from /proc)
# before and after. Prints a Markdown table for BENCHMARKS.md.
#
#   cargo build --release -p cloudwright-cli -p cloudwright-sync
#   scripts/bench-large-files.sh [MB]
#
# The binaries come from target/release (CLOUDWRIGHT_BIN_DIR to use others); everything is
# written under target/bench-large-files, removed at the start of each run.
set -euo pipefail

MB=${1:-500}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CLOUDWRIGHT_BIN_DIR:-$ROOT/target/release}
DIR=$ROOT/target/bench-large-files
CLI=$BIN/cloudwright
SERVER=$BIN/cloudwright-sync
PASSWORD="bench-password-1"

rm -rf "$DIR"
mkdir -p "$DIR"
SRC=$DIR/source.bin
head -c $((MB * 1000000)) /dev/urandom >"$SRC"
sync

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }
rate() { printf '%.0f' "$(echo "$MB / $1" | bc -l)"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

# cp + sync of the same file on the same disk: the yardstick.
start=$(now)
cp "$SRC" "$DIR/copy.bin"
sync
cp_s=$(seconds "$start" "$(now)")
rm "$DIR/copy.bin"
sync

# The server: one workspace, two editors.
mkdir -p "$DIR/server"
admin() { "$SERVER" admin --data-dir "$DIR/server" "$@"; }
admin workspace create "평택 1센터" >/dev/null
for user in kim lee; do
  admin user add "$user" --password "$PASSWORD" --workspace "평택 1센터" --role editor >/dev/null
done
RUST_LOG=warn "$SERVER" serve --data-dir "$DIR/server" --listen 127.0.0.1:0 \
  >"$DIR/server.out" 2>"$DIR/server.log" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
until grep -q "listening on" "$DIR/server.out" 2>/dev/null; do sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$DIR/server.out")

cli() { "$CLI" --data-dir "$DIR/$1" "${@:2}"; }
# Runs a CLI step under /usr/bin/time: sets step_s (wall seconds) and step_kb (maximum RSS).
timed() {
  /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$CLI" --data-dir "$DIR/$1" "${@:2}" >"$DIR/step.out"
  read -r step_s step_kb <"$DIR/time.txt"
}
echo "$PASSWORD" | cli a login --server "$URL" --user kim >/dev/null
echo "$PASSWORD" | cli b login --server "$URL" --user lee >/dev/null
timed a sync status
idle_kb=$step_kb
server_before_kb=$(hwm_kb $SERVER_PID)

timed a file put "$SRC"
put_s=$step_s put_kb=$step_kb
SHA=$(cut -d' ' -f1 "$DIR/step.out")
timed a sync
up_s=$step_s up_kb=$step_kb
server_after_up_kb=$(hwm_kb $SERVER_PID)
cli b file fetch "$SHA" >/dev/null
timed b sync
down_s=$step_s down_kb=$step_kb
timed b file get "$SHA" --out "$DIR/saved.bin"
get_s=$step_s get_kb=$step_kb
server_after_kb=$(hwm_kb $SERVER_PID)
cmp "$SRC" "$DIR/saved.bin"

mb() { echo "$(($1 / 1024)) MB"; }
echo
echo "| $MB MB file (8 MiB parts) | time | MB/s | vs cp + sync | peak RSS |"
echo "|---|---|---|---|---|"
echo "| cp + sync (same disk, same run) | ${cp_s:0:5} s | $(rate "$cp_s") | 1× | |"
for step in "file put (device A's store)|$put_s|$put_kb" \
  "upload: sync, durable on the server|$up_s|$up_kb" \
  "download: sync on device B, durable there|$down_s|$down_kb" \
  "file get (saved, hash checked)|$get_s|$get_kb"; do
  IFS='|' read -r name s kb <<<"$step"
  ratio=$(printf '%.2f' "$(echo "$cp_s / $s" | bc -l)")
  echo "| $name | $s s | $(rate "$s") | ${ratio}× | $(mb "$kb") (CLI) |"
done
echo
echo "CLI idle (sync status): $(mb "$idle_kb") peak RSS."
echo "Server VmHWM: $(mb "$server_before_kb") before, $(mb "$server_after_up_kb") after the upload, $(mb "$server_after_kb") after the download (grew $(mb $((server_after_kb - server_before_kb))))."
echo "Stores: device A $(du -sm "$DIR/a" | cut -f1) MB, server $(du -sm "$DIR/server" | cut -f1) MB, device B $(du -sm "$DIR/b" | cut -f1) MB."

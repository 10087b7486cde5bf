#!/usr/bin/env bash
# Installs what building and testing Cloudwright needs, and only what is missing:
# Debian packages (WebKitGTK, Xvfb, WebKitWebDriver, fonts, PDF and image tools), the npm
# dependencies of ui/ and e2e/, tauri-driver and cargo-nextest. Safe to run again and again;
# prints one line per step. Details of any install go to target/setup-logs/.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log_dir="$repo_root/target/setup-logs"
mkdir -p "$log_dir"
export PATH="$HOME/.cargo/bin:$PATH"

apt_packages=(
  libwebkit2gtk-4.1-dev # the webview the desktop app links against
  build-essential
  pkg-config
  file
  xvfb # a display for e2e tests and screenshots
  xauth
  webkit2gtk-driver # WebKitWebDriver, which tauri-driver drives
  fonts-nanum # NanumGothic, the Korean font embedded in printed PDFs
  poppler-utils # pdftotext / pdftoppm to read generated PDFs back in tests
  librsvg2-bin # rsvg-convert, for scripts/make-icons.sh
  imagemagick
)

# The CUPS scheduler and client, for printing labels with `lp` and for the test that prints to
# a private scheduler; notify-send for the app's desktop notifications (the desktop brings its
# own notification service). Without recommends: those are avahi, colord, printer drivers and
# a notification daemon.
apt_packages_lean=(
  cups-daemon
  cups-client
  libnotify-bin
)

step() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: FAILED: %s\n' "$*" >&2
  exit 1
}

# Runs a command with its output in a log file; shows the end of the log if it fails.
run_logged() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "$* (full log: $log)"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "need root (or sudo) to run: $*"
  fi
}

# --- Debian packages ---------------------------------------------------------------------------
# Prints those of the packages given that are not installed, one a line.
not_installed() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      printf '%s\n' "$package"
  done
}
export DEBIAN_FRONTEND=noninteractive
mapfile -t missing < <(not_installed "${apt_packages[@]}")
if [ "${#missing[@]}" -eq 0 ]; then
  step "apt: all ${#apt_packages[@]} packages present"
else
  step "apt: installing ${missing[*]} (log: $log_dir/apt.log)"
  run_logged "$log_dir/apt-update.log" as_root apt-get update -q
  run_logged "$log_dir/apt.log" as_root apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
mapfile -t missing < <(not_installed "${apt_packages_lean[@]}")
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt: installing ${missing[*]} without recommends (log: $log_dir/apt-cups.log)"
  [ -f "$log_dir/apt-update.log" ] || run_logged "$log_dir/apt-update.log" as_root apt-get update -q
  run_logged "$log_dir/apt-cups.log" as_root apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

# --- Toolchains the machine must already have --------------------------------------------------
command -v cargo >/dev/null || fail "cargo not found: install Rust (rustup) first"
command -v node >/dev/null || fail "node not found: install Node.js 20.19+ first"
command -v npm >/dev/null || fail "npm not found: install npm first"
node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' ||
  fail "node $(node --version) is too old: Vite 7 needs Node.js 20.19 or newer"
step "toolchain: $(cargo --version | cut -d' ' -f1-2), node $(node --version), npm $(npm --version)"

# --- npm dependencies --------------------------------------------------------------------------
# npm ci when node_modules is missing or older than package-lock.json. Install scripts are
# skipped: none is needed (esbuild's binary comes as an optional dependency), and some would
# try to download browser drivers from outside the npm registry.
for package_dir in ui e2e; do
  lock="$repo_root/$package_dir/package-lock.json"
  installed="$repo_root/$package_dir/node_modules/.package-lock.json"
  if [ -f "$installed" ] && ! [ "$lock" -nt "$installed" ]; then
    step "npm: $package_dir/node_modules up to date"
  else
    step "npm: npm ci in $package_dir/"
    (cd "$repo_root/$package_dir" &&
      run_logged "$log_dir/npm-$package_dir.log" npm ci --ignore-scripts --no-audit --no-fund)
  fi
done

# --- Cargo-installed tools ---------------------------------------------------------------------
if command -v tauri-driver >/dev/null; then
  step "tauri-driver: present"
else
  step "tauri-driver: cargo install tauri-driver (about 30 s)"
  run_logged "$log_dir/tauri-driver.log" cargo install tauri-driver --locked --version '^2'
fi
command -v WebKitWebDriver >/dev/null || fail "WebKitWebDriver missing although webkit2gtk-driver is installed"

if cargo nextest --version >/dev/null 2>&1; then
  step "cargo-nextest: present"
else
  step "cargo-nextest: cargo install cargo-nextest (a few minutes)"
  run_logged "$log_dir/cargo-nextest.log" cargo install cargo-nextest --locked
fi

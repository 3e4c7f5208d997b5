#!/usr/bin/env bash
# Installs everything building and testing ptdv needs, and nothing that is already there:
# a second run installs nothing. Nothing is downloaded from GitHub (the machines reach only
# package registries): tools come from crates.io, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22 needs rustc 1.96; the machines have 1.95
say() { printf '  setup: %s\n' "$*"; }

# 1. The WebAssembly target (RUSTUP_AUTO_INSTALL=0: rust-toolchain.toml alone won't add it).
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. rustfmt and clippy, which `make test` runs (the default rustup profile has them).
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

# 2. Trunk, pinned to a version this rustc builds.
if ! trunk --version 2>/dev/null | grep -q "^trunk $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock, so a dependency bump cannot break
#    the build. Not --locked: its own lockfile names a crate version the registry lacks.
WB_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 3b. wasm-split-cli, which cuts the release build's pages into parts (scripts/split.mjs).
WS_VERSION=0.2.4
# (It has no --version: cargo's list of installed crates says which one is there.)
if ! command -v wasm-split-cli >/dev/null 2>&1 || ! cargo install --list | grep -q "^wasm_split_cli_support v$WS_VERSION:"; then
  say "installing wasm-split-cli $WS_VERSION (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WS_VERSION" --features build-binary --force
fi

# 4. Debian packages: Chromium and its driver for the browser tests, Firefox ESR for the one-file
#    build's Firefox journey (tests/firefox/), a Vietnamese-capable font.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    echo "       sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# 5. Node packages (Playwright driving Debian's Chromium, puppeteer-core driving Debian's Firefox,
#    axe-core, binaryen's wasm-opt 132),
#    exactly as in the committed lockfile. Never downloads a browser.
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (sudo apt-get install nodejs npm)" >&2; exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

#!/usr/bin/env bash
# Installs code-server (VS Code in a browser, with a Node extension host) from npm into .vscode-test/code-server/,
# for the end-to-end tests (test/e2e). VS Code itself cannot be downloaded here; the recipe and why each step is needed
# are in the shared notes (offline-vscode.md). Idempotent: a second run is a fast no-op when the pinned version answers.
#
# Usage: test/e2e/install-code-server.sh        (from anywhere; CI runs it from a fresh clone)
# Env:   CODE_SERVER_VERSION (default 4.100.3: newer releases need Node 24)
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEST_DIR="$REPO_ROOT/.vscode-test"
INSTALL_DIR="$TEST_DIR/code-server"
STAGING_DIR="$TEST_DIR/code-server.partial"
ENTRY="node_modules/code-server/out/node/entry.js"
# libkrb5-dev: the kerberos addon builds against it; ripgrep: VS Code search (its npm postinstall would download rg);
# chromium + fonts-liberation: the headless browser the driver runs, with fonts for readable screenshots;
# python3/make/g++: node-gyp builds the native addons.
DEBIAN_PACKAGES=(libkrb5-dev ripgrep chromium fonts-liberation python3 make g++)

fail() { echo "install-code-server: $*" >&2; exit 1; }
step() { echo "install-code-server: $*"; }

# Prints e.g. "4.100.3 409c64e… with Code 1.100.3". code-server writes a default config file on its first start:
# keep it inside .vscode-test instead of the user's home.
code_server_version() {
  (cd "$INSTALL_DIR" && XDG_CONFIG_HOME="$TEST_DIR/xdg/config" XDG_DATA_HOME="$TEST_DIR/xdg/data" \
    node "$ENTRY" --version 2>/dev/null | grep -E "^[0-9]+\.[0-9]+\.[0-9]+ ")
}

installed_version_answers() {
  [[ -f "$INSTALL_DIR/.installed" ]] || return 1
  local answer
  answer="$(code_server_version)" || return 1
  [[ "$answer" == "$VERSION "* ]]
}

missing_debian_packages() {
  local package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || echo "$package"
  done
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || fail "missing Debian packages (${missing[*]}) and no apt-get to install them"
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || fail "missing Debian packages (${missing[*]}): run as root or install sudo"
    sudo=(sudo)
  fi
  step "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq || fail "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install ${missing[*]} failed"
}

# Runs the npm recipe in $STAGING_DIR; the caller renames it into place only when it all succeeded.
install_code_server_into_staging() {
  rm -rf "$STAGING_DIR"
  mkdir -p "$STAGING_DIR"
  cd "$STAGING_DIR"
  npm init -y >/dev/null
  step "npm install code-server@$VERSION"
  # --ignore-scripts: its postinstall downloads ripgrep and fails offline.
  npm install "code-server@$VERSION" --ignore-scripts --no-audit --no-fund || fail "npm install code-server@$VERSION failed"
  cd node_modules/code-server/lib/vscode
  step "installing VS Code's own dependencies"
  npm install --ignore-scripts --omit=dev --no-audit --no-fund || fail "npm install in lib/vscode failed"
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  step "building native addons (kerberos, spdlog, node-pty, watcher, watchdog, deviceid)"
  # npm_config_yes: node-pty's install script runs `npx node-gyp`, which would otherwise prompt.
  npm_config_yes=true npm rebuild kerberos @vscode/spdlog node-pty @parcel/watcher native-watchdog @vscode/deviceid \
    || fail "npm rebuild of VS Code's native addons failed (is libkrb5-dev installed?)"
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  step "installing built-in extensions' dependencies"
  (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund) \
    || fail "npm install in lib/vscode/extensions failed"
  cd "$STAGING_DIR"
  npm_config_yes=true npm rebuild argon2 || fail "npm rebuild argon2 failed"
}

main() {
  command -v node >/dev/null || fail "node is not on PATH (Node 20 is required)"
  command -v npm >/dev/null || fail "npm is not on PATH"
  mkdir -p "$TEST_DIR"
  # Two concurrent runs (parallel CI jobs, two terminals) would install into the same staging folder.
  exec 9>"$TEST_DIR/.install.lock"
  flock 9

  install_debian_packages
  if installed_version_answers; then
    step "code-server $VERSION already installed in $INSTALL_DIR"
    return 0
  fi
  install_code_server_into_staging
  rm -rf "$INSTALL_DIR"
  mv "$STAGING_DIR" "$INSTALL_DIR"
  local answer
  answer="$(code_server_version)" || fail "installed code-server does not start or print its version"
  [[ "$answer" == "$VERSION "* ]] || fail "expected code-server $VERSION, got: $answer"
  echo "$answer" >"$INSTALL_DIR/.installed"
  step "installed code-server $answer"
}

main "$@"

#!/usr/bin/env bash
# Installs a Vulkan driver that Dawn (the `webgpu` npm package) can use, so the webgpu tests run on Mesa's software
# adapter (llvmpipe) in CI. Debian bookworm's Mesa 22 has no adapter Dawn accepts; Mesa 25 from bookworm-backports
# does. Adds the backports suite as a deb822 entry with the same mirror and key as the Debian entry, if none is there.
# Idempotent: with Mesa 24 or newer and the Vulkan loader installed it changes nothing.
#
# Usage: test/ci/install-vulkan.sh   (as root, or with sudo)
set -euo pipefail

PACKAGES=(mesa-vulkan-drivers libvulkan1)
DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources
OUR_SOURCES=/etc/apt/sources.list.d/rml-backports.sources

fail() { echo "install-vulkan: $*" >&2; exit 1; }
step() { echo "install-vulkan: $*"; }

installed_version() { dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null | awk '/install ok installed/ { print $4 }'; }

already_installed() {
  local mesa loader
  mesa="$(installed_version mesa-vulkan-drivers)"
  loader="$(installed_version libvulkan1)"
  [[ -n "$mesa" && -n "$loader" ]] && dpkg --compare-versions "$mesa" ge 24
}

if already_installed; then
  step "already installed: mesa-vulkan-drivers $(installed_version mesa-vulkan-drivers), libvulkan1 $(installed_version libvulkan1)"
  exit 0
fi

command -v apt-get >/dev/null || fail "no apt-get: install Mesa 24 or newer (mesa-vulkan-drivers) and libvulkan1 by hand"
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || fail "run as root or install sudo"
  sudo=(sudo)
fi

# shellcheck disable=SC1091
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
[[ -n "$codename" ]] || fail "no VERSION_CODENAME in /etc/os-release: not a Debian release this script knows"
suite="$codename-backports"

has_backports() { grep -rqsE "^[^#]*\b$suite\b" /etc/apt/sources.list /etc/apt/sources.list.d/; }

# The first deb822 stanza that serves "$codename" (not the security archive): its mirror and signing key.
debian_field() {
  awk -v field="$1" -v suite="$codename" '
    BEGIN { RS = ""; FS = "\n" }
    {
      uri = ""; key = ""; serves = 0
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^URIs:/) uri = $i
        if ($i ~ /^Signed-By:/) key = $i
        if ($i ~ /^Suites:/ && (" " $i " ") ~ (" " suite " ")) serves = 1
      }
      if (serves && uri !~ /security/) { print (field == "URIs" ? uri : key); exit }
    }' "$DEBIAN_SOURCES" | sed -E "s/^$1:[[:space:]]*//"
}

if ! has_backports; then
  [[ -f "$DEBIAN_SOURCES" ]] || fail "$DEBIAN_SOURCES not found: add $suite to apt's sources by hand"
  uris="$(debian_field URIs)"
  signed_by="$(debian_field Signed-By)"
  [[ -n "$uris" ]] || fail "no entry for $codename in $DEBIAN_SOURCES: add $suite to apt's sources by hand"
  step "adding $suite ($uris) as $OUR_SOURCES"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\n%s' "$uris" "$suite" "${signed_by:+Signed-By: $signed_by
}" | "${sudo[@]}" tee "$OUR_SOURCES" >/dev/null
fi

step "installing ${PACKAGES[*]} from $suite"
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq || fail "apt-get update failed"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq -t "$suite" "${PACKAGES[@]}" \
  || fail "apt-get install -t $suite ${PACKAGES[*]} failed"
already_installed || fail "mesa-vulkan-drivers $(installed_version mesa-vulkan-drivers) is older than 24 after installing"
step "installed: mesa-vulkan-drivers $(installed_version mesa-vulkan-drivers), libvulkan1 $(installed_version libvulkan1)"

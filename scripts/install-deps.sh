#!/usr/bin/env bash
# Installs the Debian packages crossrun needs to build and test. Idempotent and quiet when
# everything is already there. qemu-user is a test oracle and benchmark baseline only, installed
# with --no-install-recommends so binfmt-support never registers it as the handler for foreign ELFs.
# dpkg-dev, tcl and xz-utils are for building the real-program tests from Debian source packages
# (scripts/build-real-programs.sh, which also enables deb-src).
set -euo pipefail
pkgs=(
  make gcc libc6-dev pkg-config
  libelf-dev libcapstone-dev libseccomp-dev zlib1g-dev libzstd-dev
  gcc-riscv64-linux-gnu g++-riscv64-linux-gnu libc6-dev-riscv64-cross
  qemu-user
  dpkg-dev tcl xz-utils
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: need root to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

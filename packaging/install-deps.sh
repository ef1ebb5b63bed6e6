#!/usr/bin/env bash
# Installs the Debian 12 packages fabkit needs to build, test and run.
# Idempotent: packages already installed are skipped; nothing is downloaded
# outside Debian's archive. Run as root or with sudo available.
#
#   packaging/install-deps.sh          build + test + GUI dependencies
#   FAB_WITH_TORCH=OFF packaging/...   skip libtorch (core + UI only)
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache git dpkg-dev file
  libeigen3-dev libboost-dev libsqlite3-dev sqlite3 libnanoflann-dev
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libssl-dev zlib1g-dev libbz2-dev
  libpq-dev postgresql
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  xvfb xauth poppler-utils fonts-dejavu-core
  clang-14 libclang-rt-14-dev
)
if [ "${FAB_WITH_TORCH:-ON}" != "OFF" ]; then
  packages+=(libtorch-dev libopenblas0-pthread)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

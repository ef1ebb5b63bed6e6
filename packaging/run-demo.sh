#!/usr/bin/env bash
# Installs what is missing, builds, and starts the fabkit GUI on the demo
# workspace (built from data/ on first start, kept in ~/.local/share/fabkit).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh
workspace="${XDG_DATA_HOME:-$HOME/.local/share}/fabkit/demo.fabdb"
mkdir -p "$(dirname "$workspace")"
[ -f "$workspace" ] || build/app/fabkit-cli demo --workspace "$workspace"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display found; starting under Xvfb (xvfb-run)" >&2
  exec xvfb-run -a build/app/fabkit "$workspace"
fi
exec build/app/fabkit "$workspace"

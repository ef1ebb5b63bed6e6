#!/usr/bin/env bash
# Configures and builds fabkit (preset `default`: GUI, models, CLI, tests) into build/.
# Extra arguments go to the configure step, e.g. -DFAB_WITH_TORCH=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset default "$@"
cmake --build --preset default -j "$jobs"

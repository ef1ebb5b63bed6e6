#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest). CI runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
packaging/install-deps.sh
packaging/build.sh
export QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1
ctest --preset default
echo "test.sh: build and tests took $(( $(date +%s) - start )) s"

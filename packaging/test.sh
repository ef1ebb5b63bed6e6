#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the ctest suites, the
# Debian package install check, then the sanitizer suites and the fuzz smoke
# runs (packaging/test-hardening.sh). CI runs this.
#   FAB_FUZZ_SECONDS=N   seconds per fuzz target (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
packaging/install-deps.sh
packaging/build.sh
export QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1
ctest --preset default
echo "test.sh: build and tests took $(( $(date +%s) - start )) s"
packaging/test-deb.sh
packaging/test-hardening.sh "${FAB_FUZZ_SECONDS:-60}"
echo "test.sh: everything took $(( $(date +%s) - start )) s"

#!/usr/bin/env bash
# The hardening runs: the core and CLI test suites built with clang-14 under
# AddressSanitizer and UndefinedBehaviorSanitizer (preset `asan`, no Qt and no
# libtorch), then a bounded libFuzzer run of every fuzz target.
#   packaging/test-hardening.sh [FUZZ_SECONDS_PER_TARGET=60]
# The crash-safety test kills its import FAB_KILLS times (20 unless set).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
echo "test-hardening: sanitizer build took $(( $(date +%s) - start )) s"
ctest --preset asan
echo "test-hardening: sanitizer build and tests took $(( $(date +%s) - start )) s"
tests/fuzz/run.sh "${1:-60}"
echo "test-hardening: took $(( $(date +%s) - start )) s in all"

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
# A private PostgreSQL server for the shared-workspace tests, stopped on any
# exit. Without one (start failed) those tests report skipped, except under CI
# (CI=true), where every test must run on both backends.
pg_start=$(date +%s)
if pg_env=$(packaging/pg-test-server.sh start); then
  eval "$pg_env"
  trap 'packaging/pg-test-server.sh stop' EXIT
  echo "test.sh: PostgreSQL test server at $FAB_TEST_PG_URL (started in $(( $(date +%s) - pg_start )) s)"
else
  if [ "${CI:-}" = true ]; then
    echo "test.sh: the PostgreSQL test server did not start; CI runs every test on both backends" >&2
    exit 1
  fi
  echo "test.sh: no PostgreSQL test server; the PostgreSQL tests are skipped" >&2
fi
ctest --preset default
if [ -n "${FAB_TEST_PG_DIR:-}" ]; then
  packaging/pg-test-server.sh stop
  unset FAB_TEST_PG_URL FAB_TEST_PG_DIR
  trap - EXIT
fi
echo "test.sh: build and tests took $(( $(date +%s) - start )) s"
packaging/test-deb.sh
packaging/test-hardening.sh "${FAB_FUZZ_SECONDS:-60}"
echo "test.sh: everything took $(( $(date +%s) - start )) s"

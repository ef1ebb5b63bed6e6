#!/bin/sh
# Runs a test executable with its workspaces on the PostgreSQL test server
# (FAB_TEST_PG_URL, from packaging/pg-test-server.sh start); exits 77, which
# ctest reports as skipped, when there is no server.
#   run_on_postgresql.sh EXECUTABLE GTEST_FILTER
[ -n "${FAB_TEST_PG_URL:-}" ] || { echo "FAB_TEST_PG_URL is not set: no PostgreSQL test server"; exit 77; }
FAB_TEST_BACKEND=postgresql exec "$1" --gtest_filter="$2"

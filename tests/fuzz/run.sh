#!/usr/bin/env bash
# Builds the fuzz targets (the `asan` preset: clang-14, libFuzzer, ASan + UBSan)
# and runs each for a bounded time from the seed corpus in tests/fuzz/corpus.
# Prints executions and crashes per target; exits non-zero when a target crashed.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET=60]
# FAB_FUZZ_SEED fixes libFuzzer's random seed (default 1, so a CI run can be
# repeated); FAB_FUZZ_SEED=0 lets libFuzzer pick one.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
targets="csv_reader_fuzz import_fuzz klarf_reader_fuzz stdf_reader_fuzz workspace_open_fuzz"
cmake --preset asan >/dev/null && cmake --build --preset asan -j "$(nproc)" --target $targets >/dev/null ||
  { echo "fuzz: build failed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Small SQLite files as the opener's seeds: a fabkit-like one, a foreign one, a newer schema.
seeds="$work/seeds"
mkdir -p "$seeds"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$seeds/fabkit.db" "PRAGMA page_size=512; CREATE TABLE schema_version(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL); INSERT INTO schema_version VALUES (1, '001_workspace', 0);"
  sqlite3 "$seeds/foreign.db" "PRAGMA page_size=512; CREATE TABLE customers(id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'a');"
  sqlite3 "$seeds/newer.db" "PRAGMA page_size=512; CREATE TABLE schema_version(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL); INSERT INTO schema_version VALUES (999, 'future', 0);"
fi
status=0
for target in $targets; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  case $target in
    csv_reader_fuzz|import_fuzz) cp tests/fuzz/corpus/csv/* tests/corpus/bad/*.csv "$corpus"/ 2>/dev/null ;;
    klarf_reader_fuzz) cp tests/fuzz/corpus/klarf/* tests/corpus/bad/*.klarf "$corpus"/ ;;
    stdf_reader_fuzz) cp tests/fuzz/corpus/stdf/* "$corpus"/ ;;
    workspace_open_fuzz) cp "$seeds"/* tests/corpus/bad/csv_binary.csv "$corpus"/ 2>/dev/null ;;
  esac
  log="$work/$target.log"
  build-asan/tests/fuzz/$target "$corpus" -max_total_time="$seconds" -seed="${FAB_FUZZ_SEED:-1}" -max_len=65536 -timeout=10 \
    -artifact_prefix="$work/$target-" >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+|#[0-9]+.*(DONE|pulse)' "$log" | tail -1 | grep -oE '[0-9]+' | head -1)
  crashes=$(ls "$work/$target-"crash-* "$work/$target-"timeout-* "$work/$target-"leak-* 2>/dev/null | wc -l)
  echo "fuzz: $target: ${runs:-?} executions in ${seconds} s, $crashes crashes (exit $rc)"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    tail -40 "$log" >&2
    mkdir -p build-asan/fuzz-artifacts && cp "$work/$target-"* build-asan/fuzz-artifacts/ 2>/dev/null
  fi
done
exit $status

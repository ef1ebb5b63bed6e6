// Fuzz target: importing any bytes as a CSV file either stores a whole batch
// or nothing, and always leaves a consistent workspace.
#include <filesystem>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& csv = fab::fuzz::writeInput("import.csv", data, size);
  const auto& db = fab::fuzz::scratchPath("import.fabdb");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  auto ws = fab::store::Workspace::openOrCreate(db);
  fab::io::ImportOptions options;
  options.batch.skipBadRows = size % 2;  // both modes
  try {
    const auto report = fab::io::importFile(ws, csv, options);
    auto q = ws.db().prepare(
        "SELECT (SELECT count(*) FROM measurement) + (SELECT count(*) FROM die) + (SELECT count(*) FROM defect) + "
        "(SELECT count(*) FROM spec) + (SELECT count(*) FROM lot_history) + (SELECT count(*) FROM product)");
    q.step();
    const auto stored = q.integer(0);
    if (report.status != "ok" && stored != 0) __builtin_trap();  // a failed batch left rows behind
    if (report.status == "ok" && stored != report.rowsOk) __builtin_trap();
  } catch (const fab::Error&) {
    auto q = ws.db().prepare("SELECT count(*) FROM import_batch WHERE status = 'ok'");
    q.step();
    if (q.integer(0) != 0) __builtin_trap();
  }
  return 0;
}

#include "core/demo/demo_workspace.h"

#include <filesystem>
#include <random>

#include "core/common/error.h"
#include "core/demo/demo_kaizens.h"
#include "core/demo/demo_limits.h"
#include "core/io/importer.h"

namespace fab::demo {

void buildDemoWorkspace(const std::string& path, const Feedback& feedback) {
  namespace fs = std::filesystem;
  if (fs::exists(path)) throw Error("'" + path + "' already exists; the demo workspace is built into a new file");
  const fs::path folder = fs::temp_directory_path() / ("fabkit-demo-" + std::to_string(std::random_device{}()));
  struct Cleanup {
    fs::path folder;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(folder, ec);
    }
  } cleanup{folder};
  try {
    feedback.report(0.0, "generating demo data");
    writeDemoFiles(folder.string());
    auto ws = store::Workspace::openOrCreate(path);
    {
      // A workspace on a server exists before the demo: it must hold nothing yet.
      auto q = ws.db().prepare("SELECT count(*) FROM import_batch");
      if (q.step() && q.integer(0) > 0)
        throw Error("'" + ws.path() + "' already holds imports; the demo workspace is built into a new one");
    }
    const std::pair<const char*, io::ImportKind> files[] = {
        {"products.csv", io::ImportKind::Products}, {"specs.csv", io::ImportKind::Specs},
        {"history.csv", io::ImportKind::History},   {"measurements.csv", io::ImportKind::Measurements},
        {"dies.csv", io::ImportKind::Dies},         {"defects.csv", io::ImportKind::Defects}};
    int done = 0;
    for (const auto& [name, kind] : files) {
      feedback.checkCancelled();
      io::ImportOptions options;
      options.kind = kind;
      options.batch.sourceLabel = std::string("demo/") + name;
      const auto report = io::importFile(ws, (folder / name).string(), options);
      if (report.status != "ok") throw Error("demo import of " + std::string(name) + " failed: " + report.message);
      feedback.report(static_cast<double>(++done) / (std::size(files) + 1), name);
    }
    approveDemoLimits(ws.db());
    buildDemoBoard(ws);
    feedback.report(1.0, "kanban board");
  } catch (...) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
    throw;
  }
}

}  // namespace fab::demo

#include "core/demo/demo_workspace.h"

#include <filesystem>
#include <random>

#include "core/common/error.h"
#include "core/demo/demo_limits.h"
#include "core/io/field_parse.h"
#include "core/io/importer.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"

namespace fab::demo {

namespace {

std::int64_t at(const char* text) { return *io::parseTimestamp(text); }

/// A small improvement board: one kaizen waiting on the wet-clean step change,
/// one whose evidence is ready, a drift investigation and a suggestion.
void buildDemoBoard(store::Workspace& ws) {
  lean::KanbanStore boards(ws.db());
  lean::KaizenStore kaizens(ws.db());
  const std::string board = "Yield improvement";
  boards.createBoard(board, {{0, "Backlog", lean::ColumnRole::Backlog, 0, false},
                             {0, "Plan", lean::ColumnRole::Active, 3, true},
                             {0, "Do", lean::ColumnRole::Active, 3, false},
                             {0, "Check", lean::ColumnRole::Active, 4, false},
                             {0, "Act", lean::ColumnRole::Done, 0, false}});
  struct Story {
    lean::KaizenType type;
    const char *title, *owner, *area, *problem, *submitted, *due;
    std::optional<lean::SpcLink> link;
    std::vector<std::pair<const char*, const char*>> moves;  // column, time
  };
  const Story stories[] = {
      {lean::KaizenType::A3, "Recover GATE_CD after the ETCH-03 chamber B wet clean", "mara", "ETCH-03/B",
       "GATE_CD on chamber B runs about 1.5 nm high since the wet clean of 2026-10-01.", "2026-10-06T09:00:00Z",
       "2026-11-30T00:00:00Z",
       lean::SpcLink{"GATE_CD", "GATE_ETCH", "ETCH-03", "B", "", at("2026-10-01T00:00:00Z"), lean::Direction::LowerMean},
       {{"Plan", "2026-10-07T09:00:00Z"}, {"Do", "2026-10-14T09:00:00Z"}}},
      {lean::KaizenType::Event, "New dispense pump on the SCAN-01 coater", "jon", "SCAN-01",
       "Resist thickness varies wafer to wafer on SCAN-01.", "2026-09-10T09:00:00Z", "2026-10-31T00:00:00Z",
       lean::SpcLink{"RESIST_THK", "LITHO_M1", "SCAN-01", "", "", at("2026-09-25T00:00:00Z"), lean::Direction::LowerSpread},
       {{"Plan", "2026-09-12T09:00:00Z"}, {"Do", "2026-09-20T09:00:00Z"}, {"Check", "2026-10-05T09:00:00Z"}}},
      {lean::KaizenType::Event, "Find the cause of the OX_THK drift on FURN-02", "ines", "FURN-02",
       "OX_THK creeps up on FURN-02 lot after lot.", "2026-10-12T09:00:00Z", "2026-10-20T00:00:00Z", std::nullopt,
       {{"Plan", "2026-10-13T09:00:00Z"}}},
      {lean::KaizenType::Suggestion, "Label the FURN-02 boat positions", "ines", "FURN-02",
       "Operators load wafers in the wrong boat slots.", "2026-10-15T09:00:00Z", "", std::nullopt, {}},
  };
  for (const auto& s : stories) {
    lean::Kaizen k;
    k.type = s.type;
    k.title = s.title;
    k.owner = s.owner;
    k.submitter = s.owner;
    k.area = s.area;
    k.problem = s.problem;
    k.submitted = at(s.submitted);
    if (*s.due) k.due = at(s.due);
    k.link = s.link;
    kaizens.add(k, s.owner, k.submitted);
    lean::KanbanCard card;
    card.title = k.title;
    card.kaizenId = k.id;
    card.owner = k.owner;
    card.area = k.area;
    const auto id = boards.addCard(board, card, "Backlog", s.owner, k.submitted);
    for (const auto& [column, time] : s.moves) boards.move(board, id, column, s.owner, at(time));
  }
}

}  // namespace

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

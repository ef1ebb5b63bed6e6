// The kaizen story told by the demo board, from backlog to done:
// - a suggestion waiting in the backlog (boat labels);
// - the OX_THK drift investigation being planned;
// - the GATE_CD recovery after the chamber B wet clean, in Do (the data show
//   the mean rose after the clean, so it could not close yet);
// - the new SCAN-01 dispense pump, in Check with evidence that passes;
// - the FURN-02 temperature trim, in Check and blocked: the data show the
//   OX_THK drift went on (the generator's heater ageing, demo_generator.cpp),
//   so its evidence fails and the card cannot close;
// - the RESIST_THK capability A3, closed in Act through the evidence check:
//   the pump halved the wafer-to-wafer spread on SCAN-01 from 2026-09-25.
#include "core/demo/demo_kaizens.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/lean/kaizen_evidence.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"

namespace fab::demo {
namespace {

std::int64_t at(const char* text) { return *io::parseTimestamp(text); }

struct Story {
  lean::KaizenType type;
  const char *title, *owner, *area, *problem, *rootCause, *submitted, *due;
  std::optional<lean::SpcLink> link;
  std::vector<std::pair<const char*, const char*>> moves;  // column, time
};

/// In card order. The first four are the board's original cards (their ids
/// are kept); the boat-label suggestion stays the last card.
std::vector<Story> stories() {
  return {
      {lean::KaizenType::A3,
       "Recover GATE_CD after the ETCH-03 chamber B wet clean",
       "mara",
       "ETCH-03/B",
       "GATE_CD on chamber B runs about 1.5 nm high since the wet clean of 2026-10-01.",
       "",
       "2026-10-06T09:00:00Z",
       "2026-11-30T00:00:00Z",
       lean::SpcLink{"GATE_CD", "GATE_ETCH", "ETCH-03", "B", "", at("2026-10-01T00:00:00Z"),
                     lean::Direction::LowerMean},
       {{"Plan", "2026-10-07T09:00:00Z"}, {"Do", "2026-10-14T09:00:00Z"}}},
      {lean::KaizenType::Event,
       "New dispense pump on the SCAN-01 coater",
       "jon",
       "SCAN-01",
       "Resist thickness varies wafer to wafer on SCAN-01.",
       "",
       "2026-09-10T09:00:00Z",
       "2026-10-31T00:00:00Z",
       lean::SpcLink{"RESIST_THK", "LITHO_M1", "SCAN-01", "", "", at("2026-09-25T00:00:00Z"),
                     lean::Direction::LowerSpread},
       {{"Plan", "2026-09-12T09:00:00Z"}, {"Do", "2026-09-20T09:00:00Z"}, {"Check", "2026-10-05T09:00:00Z"}}},
      {lean::KaizenType::Event,
       "Find the cause of the OX_THK drift on FURN-02",
       "ines",
       "FURN-02",
       "OX_THK creeps up on FURN-02 lot after lot.",
       "",
       "2026-10-12T09:00:00Z",
       "2026-10-20T00:00:00Z",
       std::nullopt,
       {{"Plan", "2026-10-13T09:00:00Z"}}},
      {lean::KaizenType::Event,
       "Trim the FURN-02 oxidation temperature by 2 °C",
       "omar",
       "FURN-02",
       "Oxide on FURN-02 runs thicker every week; a lower setpoint should pull the mean back.",
       "Not known yet: the trim treats the symptom.",
       "2026-10-05T09:00:00Z",
       "2026-10-31T00:00:00Z",
       lean::SpcLink{"OX_THK", "OXIDATION", "FURN-02", "", "", at("2026-10-08T00:00:00Z"), lean::Direction::LowerMean},
       {{"Plan", "2026-10-06T09:00:00Z"}, {"Do", "2026-10-07T09:00:00Z"}, {"Check", "2026-10-22T09:00:00Z"}}},
      {lean::KaizenType::A3,
       "Bring the RESIST_THK capability on SCAN-01 to target",
       "lena",
       "SCAN-01",
       "Wafer-to-wafer RESIST_THK spread on SCAN-01 leaves little margin inside the 780-820 nm spec.",
       "The old dispense pump's stroke varies shot to shot; countermeasure: the new pump of 2026-09-25.",
       "2026-09-08T09:00:00Z",
       "2026-10-31T00:00:00Z",
       lean::SpcLink{"RESIST_THK", "LITHO_M1", "SCAN-01", "", "", at("2026-09-25T00:00:00Z"),
                     lean::Direction::HigherCpk},
       {{"Plan", "2026-09-09T09:00:00Z"},
        {"Do", "2026-09-18T09:00:00Z"},
        {"Check", "2026-10-02T09:00:00Z"},
        {"Act", "2026-10-27T09:00:00Z"}}},
      {lean::KaizenType::Suggestion,
       "Label the FURN-02 boat positions",
       "ines",
       "FURN-02",
       "Operators load wafers in the wrong boat slots.",
       "",
       "2026-10-15T09:00:00Z",
       "",
       std::nullopt,
       {}},
  };
}

}  // namespace

void buildDemoBoard(store::Workspace& ws) {
  lean::KanbanStore boards(ws.db());
  lean::KaizenStore kaizens(ws.db());
  const std::string board = "Yield improvement";
  boards.createBoard(board, {{0, "Backlog", lean::ColumnRole::Backlog, 0, false},
                             {0, "Plan", lean::ColumnRole::Active, 3, true},
                             {0, "Do", lean::ColumnRole::Active, 3, false},
                             {0, "Check", lean::ColumnRole::Active, 4, false},
                             {0, "Act", lean::ColumnRole::Done, 0, false}});
  for (const auto& s : stories()) {
    lean::Kaizen k;
    k.type = s.type;
    k.title = s.title;
    k.owner = s.owner;
    k.submitter = s.owner;
    k.area = s.area;
    k.problem = s.problem;
    k.rootCause = s.rootCause;
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
    for (const auto& [column, time] : s.moves) {
      // A move to Act passes the same evidence check as a user's (core/lean/kanban_store.h).
      const bool closing = std::string(column) == "Act";
      const auto gate = closing ? lean::evidenceGate(ws.db(), kaizens.get(k.id)) : lean::EvidenceGate{};
      if (closing && !gate.improvementShown)
        throw Error("demo kaizen '" + std::string(s.title) + "' cannot close: " + gate.summary);
      boards.move(board, id, column, s.owner, at(time), gate);
    }
  }
}

}  // namespace fab::demo

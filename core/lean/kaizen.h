#pragma once
// A kaizen: an improvement event, suggestion or A3, carried through PDCA.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fab::lean {

enum class KaizenType { Event, Suggestion, A3 };
/// PDCA stages; Act means standardised (the final stage); Rejected ends a kaizen too.
enum class Stage { New, Plan, Do, Check, Act, Rejected };
/// The improvement the change is meant to make, checked by the evidence.
enum class Direction { LowerMean, HigherMean, LowerSpread, HigherCpk };

std::string_view typeName(KaizenType t);
std::string_view stageName(Stage s);
std::string_view directionName(Direction d);
KaizenType typeFromName(std::string_view name);   ///< throws fab::Error listing the choices
Stage stageFromName(std::string_view name);
Direction directionFromName(std::string_view name);

struct KaizenAction {
  std::int64_t id = 0;
  std::string what, owner;
  std::optional<std::int64_t> due;
  bool done = false;
};

/// Where the data that prove the kaizen come from.
struct SpcLink {
  std::string parameter;
  std::string step, tool, chamber, product;  ///< filters; "" = any
  std::int64_t changeTime = 0;               ///< ms since 1970 UTC
  Direction intended = Direction::LowerSpread;
};

struct Kaizen {
  std::int64_t id = 0;
  KaizenType type = KaizenType::Event;
  std::string title, area, submitter, owner, team;
  std::int64_t submitted = 0;
  std::optional<std::int64_t> start, due, closed;
  Stage stage = Stage::New;
  std::string problem, currentCondition, target, rootCause, lessons;
  double hardSavings = 0, softSavings = 0;
  std::vector<KaizenAction> actions;
  std::optional<SpcLink> link;
  std::string evidenceOverride;  ///< the written reason when closed without the evidence

  /// Past its due date and not yet finished.
  bool overdue(std::int64_t now) const {
    return due && *due < now && stage != Stage::Act && stage != Stage::Rejected;
  }
};

}  // namespace fab::lean

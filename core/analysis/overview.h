#pragma once
// What is wrong in this fab today: the start page of a workspace, as the GUI's
// overview, `fabkit-cli overview` and its JSON show it (docs/ARCHITECTURE.md §2,
// the workspace-analysis layer). One function decides every policy:
// - out of control: each parameter's chart in force (control_chart.h, the
//   approved limits in force) and the points beyond its limits among the
//   recent points (the last N lots of the parameter, or the last D days),
//   then the violations nobody acknowledged; worst first;
// - capability: Cpk of the chart in force (capability.h), lowest first;
// - the tool commonality's top suspect (workspace_commonality.h) for the
//   worst parameters: the top step when its adjusted p is below alpha, and
//   the group whose median lies furthest from the chart's centre line;
// - lots: die yield per lot, lowest first, with the worst wafer, the fail bin
//   that loses most and the wafer zone that loses most (yield_pareto.h);
// - kaizens not yet finished, with their evidence gate; recent imports.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/store/database.h"

namespace fab::analysis {

struct OverviewRequest {
  std::size_t recentLots = 10;    ///< recent = the parameter's last N lots …
  std::optional<double> recentDays;  ///< … or, when set, its last D days (before its latest point)
  std::size_t suspects = 3;       ///< worst parameters that get a tool-commonality suspect
  double suspectAlpha = 0.01;     ///< the top step's adjusted p must be below this
  std::size_t lots = 5;           ///< lowest-yield lots listed
  std::size_t imports = 5;        ///< most recent import batches listed
  /// Throws fab::Error for a zero window or alpha outside (0, 1).
  void validate() const;
};

/// The route step and tool group that best explain a parameter (tool commonality).
struct ToolSuspect {
  std::string step;           ///< "OXIDATION"
  std::string group;          ///< "FURN-02/1": tool/chamber
  double pAdjusted = 1;       ///< Kruskal–Wallis, Benjamini–Hochberg adjusted over the steps
  double groupMedian = 0;     ///< of the group's wafer means
  double center = 0;          ///< the chart's centre line
  std::size_t groupUnits = 0;  ///< wafers in the group
};

struct OutOfControlLine {
  std::string parameter, unit;
  std::string chart;         ///< chart name ("three-way", "I-MR", …)
  std::string pointName;     ///< "wafers", "lots", "points": what a point is
  std::string limitsSource;  ///< approved limits in force, or estimated
  std::size_t points = 0, recentPoints = 0;
  std::size_t beyondLimits = 0, recentBeyondLimits = 0;  ///< points with a rule-1 signal on any panel
  std::size_t openViolations = 0, recentOpenViolations = 0;  ///< rule signals nobody acknowledged
  std::string lastSignal;  ///< the key of the most recent point beyond the limits ("N2874A/25")
  std::optional<ToolSuspect> suspect;
  std::string suspectNote;  ///< why there is none (no route history, nothing significant)
  bool outOfControl() const { return recentBeyondLimits > 0 || openViolations > 0; }
};

struct CapabilityLine {
  std::string parameter, unit;
  double cpk = 0, ppk = 0;  ///< with a one-sided spec the one side (Cpu/Ppu or Cpl/Ppl); NaN when not computable
  std::string cpkName = "Cpk", ppkName = "Ppk";  ///< "Cpu", "Ppu" … for a one-sided spec
  std::size_t n = 0;
  std::string specSource;
};

struct LotYieldLine {
  std::string lot, product;
  std::size_t wafers = 0;
  long long dies = 0, failed = 0;
  double yield = 0;
  int worstWafer = 0;
  double worstWaferYield = 0;
  int topBin = 0;            ///< the fail bin that loses most dies (0 = none)
  double topBinShare = 0;    ///< its share of the lot's failed dies
  std::string worstZone;     ///< "edge", "middle", "center": the zone with the lowest yield ("" without a layout)
  double worstZoneYield = 0;
};

struct KaizenLine {
  std::int64_t id = 0;
  std::string title, stage, owner;
  bool overdue = false;
  bool evidenceComputed = false;  ///< the kaizen has an SPC link with data
  bool improvementShown = false;
  std::string evidence;  ///< one line: what the evidence says
  std::string board;     ///< the kanban board that holds its card ("" = none)
  std::int64_t card = 0;  ///< that card's id
};

struct ImportLine {
  std::int64_t id = 0;
  std::string kind, source, status, message;
  std::int64_t finished = 0;  ///< ms since 1970 UTC; 0 = not finished
  std::int64_t rowsOk = 0, rowsRejected = 0, errors = 0;
};

struct Overview {
  OverviewRequest request;
  std::string recentMeaning;  ///< "the last 10 lots of each parameter"
  std::vector<OutOfControlLine> outOfControl;  ///< worst first; only parameters with a signal
  std::size_t parametersInControl = 0;
  std::vector<CapabilityLine> capability;  ///< lowest Cpk first; parameters with a spec
  std::vector<LotYieldLine> lots;          ///< lowest yield first
  std::size_t lotsWithDies = 0;
  std::vector<KaizenLine> kaizens;  ///< not finished (or closed without evidence), by id
  std::vector<ImportLine> imports;  ///< newest first
  std::vector<std::string> notes;   ///< parameters that could not be charted, and why
  std::int64_t computedAt = 0;      ///< ms since 1970 UTC: when the parameters were charted
  bool fromStore = false;           ///< charted earlier and stored, the workspace unchanged since (overview_cache.h)
};

/// Throws fab::Error for a bad request; a parameter that cannot be charted becomes a note.
/// Reports progress per parameter charted and stops (throwing Cancelled) between
/// parameters when `feedback` asks: a 10 M-row workspace charts for seconds.
Overview workspaceOverview(store::Database& db, const OverviewRequest& request = {}, const Feedback& feedback = {});

/// Reads the parts of `o` that follow the clock or the kaizen records, not
/// the imports: the kaizens not finished (and whether each is overdue) and the
/// most recent imports. workspaceOverview ends with it.
void readKaizensAndImports(store::Database& db, Overview& o);

/// "worse first" for two out-of-control lines: recent points beyond the limits,
/// then recent open violations, then all open violations.
bool worseThan(const OutOfControlLine& a, const OutOfControlLine& b);

/// The lots of the workspace's die maps, lowest yield first (all of them).
std::vector<LotYieldLine> lotYields(store::Database& db);

}  // namespace fab::analysis

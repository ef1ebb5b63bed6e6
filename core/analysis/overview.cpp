#include "core/analysis/overview.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_set>

#include "core/analysis/capability.h"
#include "core/analysis/control_chart.h"
#include "core/common/error.h"
#include "core/lean/kaizen_evidence.h"
#include "core/lean/kaizen_store.h"
#include "core/store/measurements.h"
#include "core/store/table_page.h"
#include "core/store/workspace.h"
#include "core/variation/workspace_commonality.h"

namespace fab::analysis {
namespace {

constexpr double kMsPerDay = 86400000.0;

std::string pointNameOf(const ControlChartAnalysis& a) {
  if (!a.groups) return "points";
  if (a.subgroup == "wafer") return "wafers";
  if (a.subgroup == "lot") return "lots";
  return "subgroups";
}

/// Per point: whether it is recent (the parameter's last N lots, or last D days).
std::vector<std::uint8_t> recentPoints(const ControlChartAnalysis& a, const OverviewRequest& r) {
  const auto& s = *a.series;
  const std::size_t n = a.chart.points();
  std::vector<std::uint8_t> recent(n, 0);
  if (r.recentDays) {
    std::int64_t latest = 0;
    for (std::size_t i = 0; i < n; ++i) latest = std::max(latest, s.time[a.rowOf[i]]);
    const double from = static_cast<double>(latest) - *r.recentDays * kMsPerDay;
    for (std::size_t i = 0; i < n; ++i) recent[i] = static_cast<double>(s.time[a.rowOf[i]]) >= from;
    return recent;
  }
  // The points are in time order: the recent lots are the last N lots met walking back.
  std::unordered_set<std::string> lots;
  for (std::size_t i = n; i-- > 0;) {
    const std::string& lot = s.lot[a.rowOf[i]];
    if (!lots.count(lot)) {
      if (lots.size() == r.recentLots) break;
      lots.insert(lot);
    }
    recent[i] = 1;
  }
  // A lot met earlier than its last points (interleaved lots) counts wholly.
  for (std::size_t i = 0; i < n; ++i)
    if (!recent[i] && lots.count(s.lot[a.rowOf[i]])) recent[i] = 1;
  return recent;
}

OutOfControlLine outOfControlLine(const ControlChartAnalysis& a, const OverviewRequest& r) {
  OutOfControlLine line;
  line.parameter = a.request.parameter;
  line.unit = a.series->unit;
  line.chart = spc::chartName(a.type);
  line.pointName = pointNameOf(a);
  line.limitsSource = a.limitsSource;
  const auto recent = recentPoints(a, r);
  line.points = recent.size();
  line.recentPoints = static_cast<std::size_t>(std::count(recent.begin(), recent.end(), 1));
  std::set<std::size_t> beyond;
  for (const auto& panel : a.chart.panels)
    for (const auto& v : panel.violations)
      if (v.rule == 1) beyond.insert(v.point);
  line.beyondLimits = beyond.size();
  for (std::size_t p : beyond) line.recentBeyondLimits += recent[p];
  if (!beyond.empty()) line.lastSignal = a.pointKeys[*beyond.rbegin()];
  line.openViolations = a.open.size();
  for (const auto& v : a.open) line.recentOpenViolations += recent[v.violation.point];
  return line;
}

/// The route step whose tools separate the parameter's values most, and the tool whose median lies
/// farthest from the chart's centre line `center`.
void addSuspect(store::Database& db, double center, const OverviewRequest& r, OutOfControlLine& line) {
  variation::CommonalityRequest request;
  request.parameter = line.parameter;
  variation::WorkspaceCommonality c;
  try {
    c = variation::workspaceCommonality(db, request);
  } catch (const Error& e) {
    line.suspectNote = e.what();
    return;
  }
  if (c.result.steps.empty() || !c.result.steps.front().tested) {
    line.suspectNote = "no route step separates the tools";
    return;
  }
  const auto& top = c.result.steps.front();
  if (!(top.pAdjusted < r.suspectAlpha) || top.groupStats.empty()) {
    char alpha[32];
    std::snprintf(alpha, sizeof alpha, "%g", r.suspectAlpha);
    line.suspectNote = "no step significant at adjusted p < " + std::string(alpha);
    return;
  }
  const auto far = std::max_element(
      top.groupStats.begin(), top.groupStats.end(),
      [center](const auto& x, const auto& y) { return std::abs(x.median - center) < std::abs(y.median - center); });
  line.suspect = ToolSuspect{top.step, far->label, top.pAdjusted, far->median, center, far->n};
}

/// Cpk and Ppk, or with a one-sided spec the side that is defined (Montgomery §8.3.3: Cpu, Cpl).
CapabilityLine capabilityLine(const store::ParameterSummary& p, const CapabilityAnalysis& c) {
  CapabilityLine line{p.name, p.unit};
  line.n = c.result.n;
  line.specSource = c.specSource;
  const auto& r = c.result;
  const bool upperOnly = !c.spec.lsl && c.spec.usl, lowerOnly = c.spec.lsl && !c.spec.usl;
  line.cpk = upperOnly ? r.cpu.value : lowerOnly ? r.cpl.value : r.cpk.value;
  line.ppk = upperOnly ? r.ppu.value : lowerOnly ? r.ppl.value : r.ppk.value;
  line.cpkName = upperOnly ? "Cpu" : lowerOnly ? "Cpl" : "Cpk";
  line.ppkName = upperOnly ? "Ppu" : lowerOnly ? "Ppl" : "Ppk";
  return line;
}

std::vector<KaizenLine> openKaizens(store::Database& db) {
  std::vector<KaizenLine> lines;
  auto card = db.prepare(
      "SELECT b.name, c.id FROM kanban_card c JOIN kanban_board b ON b.id = c.board_id WHERE c.kaizen_id = ? "
      "ORDER BY c.id LIMIT 1");
  for (const auto& k : lean::KaizenStore(db).list()) {
    if (k.stage == lean::Stage::Act || k.stage == lean::Stage::Rejected) continue;
    KaizenLine line;
    line.id = k.id;
    line.title = k.title;
    line.stage = std::string(lean::stageName(k.stage));
    line.owner = k.owner;
    line.overdue = k.overdue(store::nowMs());
    const auto gate = lean::evidenceGate(db, k);
    line.evidenceComputed = gate.computed;
    line.improvementShown = gate.improvementShown;
    line.evidence = gate.summary;
    card.bind(1, k.id);
    if (card.step()) {
      line.board = card.text(0);
      line.card = card.integer(1);
    }
    card.reset();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<ImportLine> recentImports(store::Database& db, std::size_t count) {
  std::vector<ImportLine> lines;
  for (const auto& b : store::listImportBatches(db)) {
    if (lines.size() == count) break;
    lines.push_back({b.id, b.kind, b.source, b.status, b.message, b.finished, b.rowsOk, b.rowsRejected, b.errors});
  }
  return lines;
}

}  // namespace

void OverviewRequest::validate() const {
  if (recentDays ? !(*recentDays > 0) : recentLots == 0)
    throw Error("the recent window must hold at least one lot or a positive number of days");
  if (!(suspectAlpha > 0 && suspectAlpha < 1)) throw Error("the suspect alpha must lie in (0, 1)");
}

bool worseThan(const OutOfControlLine& a, const OutOfControlLine& b) {
  if (a.recentBeyondLimits != b.recentBeyondLimits) return a.recentBeyondLimits > b.recentBeyondLimits;
  if (a.recentOpenViolations != b.recentOpenViolations) return a.recentOpenViolations > b.recentOpenViolations;
  if (a.openViolations != b.openViolations) return a.openViolations > b.openViolations;
  return a.parameter < b.parameter;
}

Overview workspaceOverview(store::Database& db, const OverviewRequest& r, const Feedback& feedback) {
  r.validate();
  Overview o;
  o.request = r;
  char days[32];
  std::snprintf(days, sizeof days, "%g", r.recentDays.value_or(0));
  o.recentMeaning = r.recentDays ? "the last " + std::string(days) + " days of each parameter"
                                 : "the last " + std::to_string(r.recentLots) + " lots of each parameter";
  // Each parameter's chart is dropped once its line is made (a million values
  // each would otherwise be held together): what a suspect needs is the centre.
  std::vector<std::pair<OutOfControlLine, double>> charted;
  const auto parameters = store::listParameters(db);
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    feedback.checkCancelled();
    feedback.report(static_cast<double>(i) / static_cast<double>(parameters.size()), "charting " + p.name);
    CapabilityRequest request;
    request.chart.parameter = p.name;
    try {
      auto a = controlChart(db, request.chart);
      auto line = outOfControlLine(a, r);
      if (a.spec.limits.lsl || a.spec.limits.usl) {
        try {
          const auto c = capabilityOfChart(a, request);
          o.capability.push_back(capabilityLine(p, c));
        } catch (const Error& e) {
          o.notes.push_back(p.name + ": no capability: " + e.what());
        }
      }
      if (line.outOfControl())
        charted.emplace_back(std::move(line), a.chart.phases.empty() ? NAN : a.chart.phases.back().estimate.center);
      else
        ++o.parametersInControl;
    } catch (const Error& e) {
      o.notes.push_back(p.name + ": not charted: " + e.what());
    }
  }
  std::sort(charted.begin(), charted.end(), [](const auto& x, const auto& y) { return worseThan(x.first, y.first); });
  for (std::size_t i = 0; i < charted.size(); ++i) {
    feedback.checkCancelled();
    if (i < r.suspects) addSuspect(db, charted[i].second, r, charted[i].first);
    o.outOfControl.push_back(std::move(charted[i].first));
  }
  std::stable_sort(o.capability.begin(), o.capability.end(), [](const auto& x, const auto& y) {
    const double a = std::isfinite(x.cpk) ? x.cpk : INFINITY, b = std::isfinite(y.cpk) ? y.cpk : INFINITY;
    return a < b;
  });
  auto lots = lotYields(db);
  o.lotsWithDies = lots.size();
  if (lots.size() > r.lots) lots.resize(r.lots);
  o.lots = std::move(lots);
  o.computedAt = store::nowMs();
  readKaizensAndImports(db, o);
  return o;
}

void readKaizensAndImports(store::Database& db, Overview& o) {
  o.kaizens = openKaizens(db);
  o.imports = recentImports(db, o.request.imports);
}

}  // namespace fab::analysis

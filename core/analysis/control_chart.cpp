#include "core/analysis/control_chart.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "core/analysis/approved_chart.h"
#include "core/analysis/chart_in_force.h"
#include "core/analysis/point_keys.h"
#include "core/common/error.h"
#include "core/spc/control_chart.h"

namespace fab::analysis {
namespace {

using spc::ChartType;
using spc::Subgroups;

Subgroups subgroupsByField(const store::MeasurementSeries& s, const std::string& field) {
  if (field != "lot" && field != "wafer" && field != "tool" && field != "time" && field != "product")
    throw Error("subgroups by '" + field + "': expected lot, wafer, time, tool or product");
  // A wafer's (a lot's…) rows sit next to each other in time order: the key's
  // text is made only where it changes.
  const bool byLot = field == "lot" || field == "wafer", byWafer = field == "wafer";
  const auto sameAsPrevious = [&](std::size_t i) {
    if (byLot) return s.lot.same(i, i - 1) && (!byWafer || s.wafer[i] == s.wafer[i - 1]);
    if (field == "tool") return s.tool.same(i, i - 1);
    if (field == "time") return s.time[i] == s.time[i - 1];
    return s.product.same(i, i - 1);
  };
  return spc::subgroupsByKey(s.size(), sameAsPrevious, [&](std::size_t i) { return store::subgroupKey(s, field, i); });
}

/// Subgroups reordered group by group (each group its own phase); `starts` gets each group's first point.
Subgroups orderByGroup(const Subgroups& g, const std::vector<std::string>& rowGroups,
                       std::vector<std::size_t>& starts) {
  const auto names = spc::distinctGroups(rowGroups);
  std::vector<std::size_t> rank(g.count());
  for (std::size_t s = 0; s < g.count(); ++s) {
    const auto& label = rowGroups[g.members(s).front()];
    rank[s] = static_cast<std::size_t>(std::find(names.begin(), names.end(), label) - names.begin());
  }
  std::vector<std::size_t> order(g.count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return rank[a] < rank[b]; });
  Subgroups out;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || rank[order[i]] != rank[order[i - 1]]) starts.push_back(i);
    const auto m = g.members(order[i]);
    out.rows.insert(out.rows.end(), m.begin(), m.end());
    out.offsets.push_back(out.rows.size());
    out.keys.push_back(g.keys[order[i]]);
  }
  return out;
}

std::vector<std::string> rowGroupLabels(store::Database& db, const store::MeasurementSeries& s,
                                        const ControlChartRequest& r) {
  if (!r.groupBy) return {};
  std::vector<spc::PointOrigin> origins;
  origins.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) origins.push_back({s.lot[i], s.wafer[i], s.product[i]});
  std::vector<store::ProcessContext> history;
  if (*r.groupBy != spc::GroupBy::Product) {
    if (r.step.empty()) throw Error("grouping by tool or chamber needs the route step to look at");
    history = store::processAtStep(db, r.step);
    if (history.empty()) throw Error("no lot history at step '" + r.step + "'");
  }
  return spc::groupLabels(origins, history, *r.groupBy);
}

}  // namespace

void applyChartSettings(const ChartSettings& s, spc::ChartOptions& o) {
  o.L = s.L.value_or(o.L);
  o.lambda = s.lambda.value_or(o.lambda);
  o.k = s.k.value_or(o.k);
  o.h = s.h.value_or(o.h);
  o.headStart = s.headStart.value_or(o.headStart);
  if (s.target) o.target = s.target;
  o.knownCenter = s.knownCenter;
  o.knownSigma = s.knownSigma;
  if (s.rules) o.rules = spc::parseRuleSelection(*s.rules);
  o.movingRange = s.movingRange;
  o.withinSpread = s.withinSpread;
}

std::size_t ControlChartAnalysis::violationCount() const {
  std::size_t n = 0;
  for (const auto& p : chart.panels) n += p.violations.size();
  return n;
}

std::vector<std::uint8_t> ControlChartAnalysis::rowsInUse(bool baselineOnly) const {
  std::vector<std::uint8_t> use(series ? series->size() : 0, 0);
  for (std::size_t i = 0; i < chart.points(); ++i) {
    if (chart.isExcluded(i)) continue;
    if (baselineOnly && std::none_of(chart.phases.begin(), chart.phases.end(), [&](const spc::PhaseResult& p) {
          return i >= p.baselineFirst && i <= p.baselineLast;
        }))
      continue;
    if (groups)
      for (auto row : groups->members(i)) use[row] = 1;
    else
      use[i] = 1;
  }
  return use;
}

ControlChartAnalysis controlChart(store::Database& db, const ControlChartRequest& r) {
  ControlChartAnalysis a;
  a.request = r;
  store::MeasurementFilter filter;
  filter.product = r.product;
  filter.lots = r.lots;
  filter.from = r.from;
  filter.to = r.to;
  auto series = std::make_shared<store::MeasurementSeries>(store::loadMeasurements(db, r.parameter, filter));
  a.series = series;
  const auto& s = *series;
  a.product = productInScope(s, r.product);
  a.spec = specInScope(db, r.parameter, a.product);
  a.notes = store::pointNotes(db, r.parameter);
  if (s.size() == 0) return a;

  // Which chart, with which subgroups and which approved limits.
  if (r.chart) {
    a.type = *r.chart;
    a.subgroup = r.subgroup;
    a.subgroupSize = r.subgroupSize;
    a.chartReason = "chosen";
    if (r.useApproved) a.approved = store::limitsInForce(db, r.parameter, spc::chartName(a.type), a.product);
  } else {
    auto inForce = chartInForce(db, s, r.parameter, a.product);
    a.type = inForce.type;
    a.subgroup = inForce.subgroup;
    a.subgroupSize = inForce.subgroupSize;
    a.chartReason = inForce.reason;
    if (r.useApproved) a.approved = std::move(inForce.approved);
  }

  // Subgroups in plotting order (by group when each group is its own phase).
  const auto rowGroups = rowGroupLabels(db, s, r);
  const bool perGroup = r.phasePerGroup && r.groupBy;
  std::vector<std::size_t> groupStarts;
  bool individualsByGroup = false;
  if (!a.subgroup.empty())
    a.groups = subgroupsByField(s, a.subgroup);
  else if (a.subgroupSize)
    a.groups = spc::subgroupsOfSize(s.size(), *a.subgroupSize);
  if (perGroup) {
    if (!a.groups) {  // individuals reordered by group: one subgroup per row
      std::vector<std::string> unique(s.size());
      for (std::size_t i = 0; i < s.size(); ++i) unique[i] = std::to_string(i);
      a.groups = spc::subgroupsByKey(unique);
      individualsByGroup = true;
    }
    a.groups = orderByGroup(*a.groups, rowGroups, groupStarts);
  }
  const Subgroups* g = a.groups ? &*a.groups : nullptr;
  const std::size_t points = g ? g->count() : s.size();

  // Point keys, rows and groups.
  if (individualsByGroup) {  // reordered individuals keep their row keys
    for (std::size_t i = 0; i < points; ++i) a.pointKeys.push_back(rowKey(s, g->members(i).front()));
  } else {
    a.pointKeys = pointKeys(s, g);
  }
  a.rowOf.resize(points);
  for (std::size_t i = 0; i < points; ++i) a.rowOf[i] = g ? g->members(i).front() : i;
  if (r.groupBy) {
    a.groupLabels.resize(points);
    for (std::size_t i = 0; i < points; ++i) a.groupLabels[i] = rowGroups[a.rowOf[i]];
  }

  // Options: phases, then the approved limits, then what the engineer set by hand.
  auto& o = a.options;
  o.type = a.type;
  std::vector<std::size_t> starts = r.splits;
  starts.insert(starts.end(), groupStarts.begin(), groupStarts.end());
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  for (auto p : starts)
    if (p >= points) throw Error("a phase split at point " + std::to_string(p + 1) + " is after the last point");
  o.phases = spc::phasesAtPoints(starts);
  if (perGroup) {
    const auto names = spc::distinctGroups(rowGroups);
    for (std::size_t p = 0; p < o.phases.size() && p < names.size(); ++p) o.phases[p].label = names[p];
  }
  if (r.baselineFirst && r.baselineLast) {
    const auto last = std::min(*r.baselineLast, points - 1);
    if (*r.baselineFirst > last) throw Error("the phase I baseline needs 1 ≤ first ≤ last ≤ " + std::to_string(points));
    o.phases[0].baselineFirst = *r.baselineFirst;
    o.phases[0].baselineLast = last;
  }
  if (a.approved) {
    applyApprovedLimits(*a.approved, o);
    if (perGroup)  // each group its own limits: the approved parameters, estimated per group
      for (auto& p : o.phases) p.fixed.reset();
  }
  applyChartSettings(r.settings, o);  // what the engineer set by hand overrides the approved parameters
  a.rules = r.settings.rules ? *r.settings.rules : a.approved ? a.approved->rules : "nelson";

  // Exclusions: the points the request names, and every point whose latest note excludes it.
  o.excluded.assign(points, 0);
  for (auto i : r.excludePoints) {
    if (i >= points) throw Error("excluded point " + std::to_string(i + 1) + " is after the last point");
    o.excluded[i] = 1;
  }
  const auto excludedList = store::excludedPointKeys(db, r.parameter);
  const std::unordered_set<std::string> excludedKeys(excludedList.begin(), excludedList.end());
  if (!excludedKeys.empty())
    for (std::size_t i = 0; i < points; ++i)
      if (excludedKeys.count(a.pointKeys[i])) o.excluded[i] = 1;
  for (std::size_t i = 0; i < points; ++i)
    if (o.excluded[i]) a.excluded.push_back(a.pointKeys[i]);

  if (spc::isAttributeChart(a.type)) {
    std::vector<double> sizes;
    if (r.sampleSize) sizes.assign(s.size(), *r.sampleSize);
    a.chart = spc::computeAttributeChart(s.value, sizes, g, o);
  } else {
    a.chart = spc::computeVariablesChart(s.value, g, o);
  }

  std::vector<spc::Acknowledgement> acknowledged;
  for (const auto& n : a.notes)
    if (n.rule || !n.cause.empty()) acknowledged.push_back({n.pointKey, n.rule.value_or(0)});
  a.open = spc::openViolations(a.chart, a.pointKeys, acknowledged);

  const auto& e = a.chart.phases[0].estimate;
  if (a.approved && !perGroup)
    a.limitsSource = describeApproval(*a.approved);
  else
    a.limitsSource = std::string(perGroup        ? "each group its own phase: "
                                 : r.useApproved ? "no approved limits: "
                                                 : "re-estimated: ") +
                     "estimated from " + std::to_string(e.valuesUsed) + " values in " +
                     std::to_string(e.subgroupsUsed) + " subgroups (" + e.sigmaMethod + ")" +
                     (r.chart ? "" : "; " + a.chartReason);
  return a;
}

store::ApprovedLimits limitsToApprove(const ControlChartAnalysis& a, const std::string& who, const std::string& why) {
  ApprovalBasis basis;
  basis.parameter = a.request.parameter;
  basis.product = a.product;
  basis.type = a.type;
  basis.subgroupField = a.subgroup;
  basis.subgroupSize = a.subgroupSize;
  basis.rules = a.rules;
  return limitsToApprove(basis, a.options, a.chart, who, why);
}

}  // namespace fab::analysis

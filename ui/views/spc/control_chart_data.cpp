#include "ui/views/spc/control_chart_data.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/store/default_chart.h"
#include "core/store/spc_notes.h"

namespace fab::ui {
namespace {

using namespace fab::spc;

std::string mostRowsProduct(const store::MeasurementSeries& s) {
  std::map<std::string, std::size_t> counts;
  for (const auto& p : s.product) ++counts[p];
  std::string best;
  std::size_t most = 0;
  for (const auto& [name, n] : counts)
    if (n > most) most = n, best = name;
  return best;
}

std::string rowKey(const store::MeasurementSeries& s, std::size_t i, const std::string& field) {
  if (field == "lot") return s.lot[i];
  std::string key = s.lot[i] + "/" + std::to_string(s.wafer[i]);
  if (field == "wafer") return key;
  if (!s.site[i].empty()) key += "/" + s.site[i];
  if (s.time[i]) key += " " + io::formatTimestamp(s.time[i]);
  return key;
}

/// Subgroups in plotting order: by key in order of appearance (rows are in
/// time order), reordered group by group when each group is its own phase.
Subgroups makeSubgroups(const std::vector<std::string>& rowKeys, const std::vector<std::string>& rowGroups,
                        bool perGroup, std::vector<std::size_t>& groupStarts) {
  Subgroups g = subgroupsByKey(rowKeys);
  if (!perGroup) return g;
  const auto names = distinctGroups(rowGroups);
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
    if (i == 0 || rank[order[i]] != rank[order[i - 1]]) groupStarts.push_back(i);
    const auto m = g.members(order[i]);
    out.rows.insert(out.rows.end(), m.begin(), m.end());
    out.offsets.push_back(out.rows.size());
    out.keys.push_back(g.keys[order[i]]);
  }
  return out;
}

}  // namespace

ControlChartData computeControlChart(store::Database& db, const ControlChartRequest& asked) {
  ControlChartData d;
  auto series = std::make_shared<store::MeasurementSeries>(store::loadMeasurements(db, asked.parameter));
  if (series->size() == 0) throw Error("parameter " + asked.parameter + " has no rows");
  d.series = series;
  const auto& s = *series;
  d.product = mostRowsProduct(s);
  ControlChartRequest request = asked;
  if (asked.automatic) {
    const auto chosen = store::defaultChart(s);
    request.type = chosen.type;
    request.subgroup = chosen.subgroup;
    request.baselineFirst.reset();
    request.baselineLast.reset();
    request.phasePerGroup = false;
    d.chartNote = chosen.note;
    if (request.useApproved)
      if (auto a = store::limitsInForce(db, request.parameter, chartName(request.type), d.product))
        request.rules = a->rules;
  }
  d.request = request;
  d.spec = store::specInForce(db, request.parameter, d.product);

  // Group label per input row.
  std::vector<std::string> rowGroups;
  if (request.groupBy) {
    std::vector<PointOrigin> origins;
    origins.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) origins.push_back({s.lot[i], s.wafer[i], s.product[i]});
    std::vector<store::ProcessContext> history;
    if (*request.groupBy != GroupBy::Product) history = store::processAtStep(db, request.step);
    rowGroups = groupLabels(origins, history, *request.groupBy);
  }

  const std::string keyField = request.subgroup.empty() ? "row" : request.subgroup;
  std::vector<std::string> rowKeys(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) rowKeys[i] = rowKey(s, i, keyField);
  const bool perGroup = request.phasePerGroup && request.groupBy;
  std::optional<Subgroups> groups;
  std::vector<std::size_t> groupStarts;
  if (!request.subgroup.empty()) {
    groups = makeSubgroups(rowKeys, rowGroups, perGroup, groupStarts);
  } else if (perGroup) {  // individuals reordered by group: one subgroup per row
    std::vector<std::string> unique(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) unique[i] = std::to_string(i);
    groups = makeSubgroups(unique, rowGroups, true, groupStarts);
  }

  ChartOptions o;
  o.type = request.type;
  o.L = request.L;
  o.lambda = request.lambda;
  o.k = request.k;
  o.h = request.h;
  o.rules = parseRuleSelection(request.rules);
  if (request.useApproved) d.approved = store::limitsInForce(db, request.parameter, chartName(request.type), d.product);
  if (d.approved) {
    o.L = d.approved->limitWidth;
    o.lambda = d.approved->lambda.value_or(o.lambda);
    o.k = d.approved->k.value_or(o.k);
    o.h = d.approved->h.value_or(o.h);
    o.target = d.approved->target;
  }
  const std::size_t points = groups ? groups->count() : s.size();
  o.phases = phasesAtPoints(groupStarts);
  if (perGroup) {
    const auto names = distinctGroups(rowGroups);
    for (std::size_t p = 0; p < o.phases.size(); ++p) o.phases[p].label = names[p];
  } else if (request.baselineFirst && request.baselineLast) {
    const auto last = std::min(*request.baselineLast, points);
    if (*request.baselineFirst < 1 || last < *request.baselineFirst)
      throw Error("the phase I baseline needs 1 ≤ first ≤ last ≤ " + std::to_string(points));
    o.phases[0].baselineFirst = *request.baselineFirst - 1;
    o.phases[0].baselineLast = last - 1;
  }
  if (d.approved && !perGroup)
    for (auto& p : o.phases) p.fixed = store::approvedEstimate(*d.approved);

  d.keys.resize(points);
  d.rowOf.resize(points);
  for (std::size_t i = 0; i < points; ++i) {
    d.rowOf[i] = groups ? groups->members(i).front() : i;
    d.keys[i] = request.subgroup.empty() ? rowKeys[d.rowOf[i]] : groups->keys[i];
  }
  if (request.groupBy) {
    d.groups.resize(points);
    for (std::size_t i = 0; i < points; ++i) d.groups[i] = rowGroups[d.rowOf[i]];
  }
  o.excluded.assign(points, 0);
  const auto excludedKeys = store::excludedPointKeys(db, request.parameter);
  std::vector<Acknowledgement> acknowledged;
  for (std::size_t i = 0; i < points; ++i)
    if (std::find(excludedKeys.begin(), excludedKeys.end(), d.keys[i]) != excludedKeys.end()) o.excluded[i] = 1;
  for (const auto& n : store::pointNotes(db, request.parameter))
    if (n.rule || !n.cause.empty()) acknowledged.push_back({n.pointKey, n.rule.value_or(0)});

  const Subgroups* g = groups ? &*groups : nullptr;
  d.result =
      isAttributeChart(request.type) ? computeAttributeChart(s.value, {}, g, o) : computeVariablesChart(s.value, g, o);
  d.open = openViolations(d.result, d.keys, acknowledged);
  for (std::size_t p = 0; p < d.result.panels.size(); ++p) d.panels.push_back(buildPanelModel(d, p));
  return d;
}

store::ApprovedLimits limitsToApprove(const ControlChartData& d, const std::string& who, const std::string& why) {
  const auto& phase = d.result.phases.back();
  store::ApprovedLimits a;
  a.parameter = d.request.parameter;
  a.product = d.product;
  a.chartType = chartName(d.request.type);
  a.subgroupKey = d.request.subgroup;
  a.rules = d.request.rules;
  a.center = phase.estimate.center;
  a.sigma = phase.estimate.sigma;
  a.sigmaOfMeans = phase.estimate.sigmaOfMeans;
  a.sigmaZ = phase.estimate.sigmaZ;
  a.sigmaMethod = phase.estimate.sigmaMethod;
  a.limitWidth = d.request.L;
  if (d.request.type == ChartType::Ewma) a.lambda = d.request.lambda;
  if (d.request.type == ChartType::Cusum) a.k = d.request.k, a.h = d.request.h;
  if (const auto* seg = segmentAt(d.result.panels[0].limits, phase.baselineFirst)) a.lcl = seg->lcl, a.ucl = seg->ucl;
  a.baselineSubgroups = static_cast<std::int64_t>(phase.estimate.subgroupsUsed);
  a.approvedBy = who;
  a.reason = why;
  return a;
}

}  // namespace fab::ui

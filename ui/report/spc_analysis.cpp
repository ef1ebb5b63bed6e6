#include "ui/report/spc_analysis.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/spc/subgroups.h"
#include "core/store/default_chart.h"

namespace fab::ui::report {
namespace {

using namespace fab::spc;

std::string rowLabel(const store::MeasurementSeries& s, std::size_t i) {
  std::string label = s.lot[i] + "/" + std::to_string(s.wafer[i]);
  if (!s.site[i].empty()) label += "/" + s.site[i];
  return label;
}

/// Subgroup keys by the field an approval was made with (as `fabkit-cli spc --subgroup` names them).
std::vector<std::string> approvedSubgroupKeys(const store::MeasurementSeries& s, const std::string& field) {
  auto keys = store::subgroupKeys(s, field);
  if (!keys) throw Error("approved limits subgroup by '" + field + "', which a report cannot rebuild");
  return std::move(*keys);
}

}  // namespace

std::size_t SpcParameterAnalysis::violationCount() const {
  std::size_t n = 0;
  for (const auto& p : chart.panels) n += p.violations.size();
  return n;
}

std::size_t SpcParameterAnalysis::rule1Count() const {
  std::size_t n = 0;
  for (const auto& p : chart.panels)
    for (const auto& v : p.violations) n += v.rule == 1;
  return n;
}

const std::vector<ChartType>& reportChartTypes() {
  static const std::vector<ChartType> types = {ChartType::IndividualsMR, ChartType::XbarR, ChartType::XbarS,
                                               ChartType::ThreeWay};
  return types;
}

SpcParameterAnalysis analyseParameter(store::Database& db, const std::string& parameter, const SpcScope& scope) {
  SpcParameterAnalysis a;
  a.parameter = parameter;
  store::MeasurementFilter filter;
  filter.lots = scope.lots;
  filter.from = scope.from;
  filter.to = scope.to;
  const auto series = store::loadMeasurements(db, parameter, filter);
  a.unit = series.unit;
  a.rows = series.size();
  a.values = series.value;
  if (auto spec = store::specInForce(db, parameter)) {
    a.spec = {spec->lsl, spec->target, spec->usl};
    a.hasSpec = spec->lsl || spec->usl;
  }
  a.notes = store::pointNotes(db, parameter);
  if (a.rows == 0) return a;

  // The approved limits in force (docs/ARCHITECTURE.md §3): never re-estimated from the report's date range.
  ChartType type = ChartType::IndividualsMR;
  for (auto t : reportChartTypes())
    if ((a.approved = store::limitsInForce(db, parameter, chartName(t)))) {
      type = t;
      break;
    }
  // None approved: the chart the data call for (three-way of wafer means with several sites per wafer).
  const auto chosen = store::defaultChart(series);
  if (!a.approved) {
    type = chosen.type;
    a.chartNote = chosen.note;
  }
  std::optional<Subgroups> groups;
  if (a.approved && type != ChartType::IndividualsMR) {
    if (!a.approved->subgroupKey.empty())
      groups = subgroupsByKey(approvedSubgroupKeys(series, a.approved->subgroupKey));
    else
      groups = subgroupsOfSize(series.size(), static_cast<std::size_t>(a.approved->subgroupSize.value_or(5)));
  } else if (!a.approved && !chosen.subgroup.empty()) {
    groups = subgroupsByKey(approvedSubgroupKeys(series, chosen.subgroup));
  }
  ChartOptions o;
  o.type = type;
  if (a.approved) {
    o.L = a.approved->limitWidth;
    o.rules = parseRuleSelection(a.approved->rules);
  }
  o.phases = phasesAtPoints({});
  if (a.approved) o.phases[0].fixed = store::approvedEstimate(*a.approved);
  if (groups) {
    for (std::size_t g = 0; g < groups->count(); ++g)
      a.pointKeys.push_back(groups->keys[g].empty() ? "subgroup " + std::to_string(g + 1) : groups->keys[g]);
  } else {
    for (std::size_t i = 0; i < series.size(); ++i) a.pointKeys.push_back(rowLabel(series, i));
  }
  o.excluded.assign(a.pointKeys.size(), 0);
  const auto excludedKeys = store::excludedPointKeys(db, parameter);
  for (std::size_t i = 0; i < a.pointKeys.size(); ++i)
    if (std::find(excludedKeys.begin(), excludedKeys.end(), a.pointKeys[i]) != excludedKeys.end()) o.excluded[i] = 1;
  a.chart = computeVariablesChart(a.values, groups ? &*groups : nullptr, o);

  if (a.approved)
    a.limitsSource = "approved limits version " + std::to_string(a.approved->version) + " (" + chartName(type) +
                     "), approved by " + a.approved->approvedBy + " on " +
                     io::formatTimestamp(a.approved->approvedAt).substr(0, 10) + ": " + a.approved->reason;
  else
    a.limitsSource = "no approved limits: estimated from the " + std::to_string(a.chart.phases[0].estimate.valuesUsed) +
                     " values in this report (" + a.chart.phases[0].estimate.sigmaMethod + ")" +
                     (a.chartNote.empty() ? "" : "; " + a.chartNote);

  if (!a.hasSpec) {
    a.capabilityNote = "no spec limits in the workspace for " + parameter;
    return a;
  }
  try {
    CapabilityOptions co;
    co.spec = a.spec;
    const auto& e = a.chart.phases[0].estimate;
    if (type == ChartType::ThreeWay && chosen.sitesPerWafer > 1) {
      // σ of one value = between and within wafers: σ_means² = σ_b² + σ_w²/n, so
      // σ² = σ_means² + σ_w²(1 − 1/n) (Montgomery §6.3.3, variance components).
      const double n = static_cast<double>(chosen.sitesPerWafer);
      const double total = std::sqrt(e.sigmaOfMeans * e.sigmaOfMeans + e.sigma * e.sigma * (1 - 1 / n));
      a.capability = capability(a.values, total, "between and within wafers", co);
    } else {
      a.capability = capability(a.values, e.sigma, e.sigmaMethod, co);
    }
  } catch (const Error& e) {
    a.capabilityNote = e.what();
  }
  return a;
}

std::vector<SpcParameterAnalysis> analyseParameters(store::Database& db, const SpcScope& scope,
                                                    const Feedback& feedback) {
  std::vector<std::string> names = scope.parameters;
  if (names.empty())
    for (const auto& p : store::listParameters(db)) names.push_back(p.name);
  if (names.empty()) throw Error("the workspace has no measurements: import a measurement file first");
  std::vector<SpcParameterAnalysis> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    feedback.checkCancelled();
    feedback.report(double(i) / double(names.size()), "analysing " + names[i]);
    out.push_back(analyseParameter(db, names[i], scope));
  }
  return out;
}

}  // namespace fab::ui::report

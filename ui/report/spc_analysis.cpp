#include "ui/report/spc_analysis.h"

#include "core/analysis/capability.h"
#include "core/common/error.h"

namespace fab::ui::report {

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

SpcParameterAnalysis analyseParameter(store::Database& db, const std::string& parameter, const SpcScope& scope) {
  analysis::CapabilityRequest request;
  request.chart.parameter = parameter;
  request.chart.product = scope.product;
  request.chart.lots = scope.lots;
  request.chart.from = scope.from;
  request.chart.to = scope.to;
  auto chart = analysis::controlChart(db, request.chart);

  SpcParameterAnalysis a;
  a.parameter = parameter;
  a.unit = chart.series->unit;
  a.rows = chart.series->size();
  a.values = chart.series->value;
  a.spec = chart.spec.limits;
  a.hasSpec = chart.spec.hasLimits();
  a.specSource = chart.spec.source;
  a.notes = chart.notes;
  if (a.rows == 0) return a;
  a.pointKeys = chart.pointKeys;
  a.approved = chart.approved;
  a.limitsSource = chart.limitsSource;
  if (!chart.approved) a.chartNote = chart.chartReason;
  a.chart = chart.chart;
  if (!a.hasSpec) {
    a.capabilityNote = chart.spec.source;
    return a;
  }
  try {
    auto c = analysis::capabilityOfChart(std::move(chart), request);
    a.values = std::move(c.values);
    a.capability = std::move(c.result);
  } catch (const Cancelled&) {
    throw;
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

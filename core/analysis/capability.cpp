#include "core/analysis/capability.h"

#include <cmath>
#include <limits>

#include "core/analysis/sigma_within.h"
#include "core/common/error.h"
#include "core/spc/control_chart.h"

namespace fab::analysis {

CapabilityAnalysis capability(store::Database& db, const CapabilityRequest& r) {
  return capabilityOfChart(controlChart(db, r.chart), r);
}

CapabilityAnalysis capabilityOfChart(ControlChartAnalysis chart, const CapabilityRequest& r) {
  CapabilityAnalysis c;
  c.chart = std::move(chart);
  const auto& a = c.chart;
  const auto& parameter = r.chart.parameter;
  if (!a.series || a.series->size() == 0) throw Error("parameter " + parameter + " has no rows in scope");
  if (r.spec) {
    c.spec = *r.spec;
    c.specSource = "options";
  } else {
    c.spec = a.spec.limits;
    c.specSource = a.spec.source;
  }
  if (!c.spec.lsl && !c.spec.usl)
    throw Error("capability of " + parameter + " needs spec limits: " + a.spec.source +
                " (import a spec file, or give the limits)");

  // The rows of the points in use: not excluded (and in the phase I baseline when asked).
  const auto use = a.rowsInUse(r.baselineOnly);
  c.values = a.series->value;
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < c.values.size(); ++i)
    if (!use[i]) {
      dropped += std::isfinite(c.values[i]) ? 1 : 0;
      c.values[i] = std::numeric_limits<double>::quiet_NaN();
    }
  c.valuesNote = "the rows of the " + std::string(spc::chartName(a.type)) + " chart" +
                 (r.baselineOnly ? "'s phase I baseline" : "") +
                 (a.excluded.empty() ? "" : ", less " + std::to_string(a.excluded.size()) + " excluded points") +
                 (dropped ? " (" + std::to_string(dropped) + " values left out)" : "");

  spc::CapabilityOptions options;
  options.spec = c.spec;
  options.confidence = r.confidence;
  options.validate();
  std::vector<std::string> notes;
  SigmaWithin sigma;
  if (r.boxCox || r.boxCoxLambda) {
    // Approved limits are on the original scale: the same chart is estimated again on the transformed values.
    if (!r.boxCoxLambda) c.boxCoxFit = spc::fitBoxCox(c.values);
    c.boxCoxLambda = r.boxCoxLambda ? *r.boxCoxLambda : c.boxCoxFit->lambda;
    auto t = spc::applyBoxCox(c.values, c.spec, *c.boxCoxLambda);
    c.values = std::move(t.values);
    options.spec = t.spec;
    notes = std::move(t.notes);
    auto o = a.options;
    for (auto& p : o.phases) p.fixed.reset();
    o.rules = spc::RuleSelection::none();
    const spc::Subgroups* g = a.groups ? &*a.groups : nullptr;
    sigma = sigmaWithin(spc::computeVariablesChart(c.values, g, o));
    sigma.method += ", estimated on the transformed values";
  } else {
    sigma = sigmaWithin(a.chart);
  }
  c.result = spc::capability(c.values, sigma.sigma, sigma.method, options);
  c.result.notes.insert(c.result.notes.end(), notes.begin(), notes.end());
  try {
    c.normality = spc::andersonDarling(c.values);
  } catch (const Error& e) {
    c.normalityNote = e.what();
  }
  return c;
}

}  // namespace fab::analysis

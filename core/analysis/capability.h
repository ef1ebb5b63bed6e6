#pragma once
// Process capability of a workspace parameter, as the GUI's capability tab,
// `fabkit-cli capability` and the SPC report ask for it. One policy:
// - the rows are those of the control chart in force (control_chart.h), less
//   the points excluded there (a recorded special cause is not the process);
// - σ within is the σ of that chart (sigma_within.h: between and within
//   subgroups for the three-way chart);
// - the spec is the one in force for the product in scope (spec_in_scope.h),
//   unless the request gives limits.
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/control_chart.h"
#include "core/spc/box_cox.h"
#include "core/spc/capability.h"
#include "core/spc/normality.h"

namespace fab::analysis {

struct CapabilityRequest {
  ControlChartRequest chart;            ///< rows and chart (unset chart type = the chart in force)
  std::optional<spc::SpecLimits> spec;  ///< given limits replace the workspace spec
  bool baselineOnly = false;            ///< only the phase I baseline points' values
  double confidence = 0.95;
  bool boxCox = false;                 ///< Box-Cox transform, λ by maximum likelihood …
  std::optional<double> boxCoxLambda;  ///< … or this λ
};

struct CapabilityAnalysis {
  ControlChartAnalysis chart;               ///< the chart whose σ is used
  std::vector<double> values;               ///< per row: the value used (transformed with Box-Cox), NaN when left out
  spc::SpecLimits spec;                     ///< as given or stored (untransformed)
  std::string specSource;                   ///< "options", or spec_in_scope's words
  std::string valuesNote;                   ///< which rows, in words
  std::optional<spc::BoxCoxFit> boxCoxFit;  ///< when λ was fitted
  std::optional<double> boxCoxLambda;       ///< when transformed
  spc::CapabilityResult result;             ///< on the transformed scale with Box-Cox; sigmaWithinMethod in words
  std::optional<spc::NormalityTest> normality;
  std::string normalityNote;  ///< why the normality test could not run
};

/// Throws fab::Error without spec limits, for an attribute chart, or with too few values.
CapabilityAnalysis capability(store::Database& db, const CapabilityRequest& request);

/// The same over a chart already computed for `request.chart` (the report shows both).
CapabilityAnalysis capabilityOfChart(ControlChartAnalysis chart, const CapabilityRequest& request);

}  // namespace fab::analysis

#pragma once
// Attribute control charts of a product's wafers, as the GUI's attribute tab
// and `fabkit-cli spc --product P --yield|--defects` ask for them
// (docs/ARCHITECTURE.md §2, the workspace-analysis layer): the die fail
// fraction per wafer from the die table (p, np, Laney p′) and the defect
// density per wafer from the defect table (u per cm² of inspected area, c per
// wafer, Laney u′). One policy for the chart: the one asked for; else Laney's
// p′ / u′ when the wafers are overdispersed (Laney 2002: σz well above 1 means
// the plain limits are too narrow and flag most wafers); else np when every
// wafer has the same number of tested dies, p otherwise, and u for defects.
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/control_chart.h"

namespace fab::analysis {

enum class AttributeSource { DieYield, Defects };

/// Laney's σz above this flags overdispersion (1 for purely binomial or Poisson wafers).
constexpr double kOverdispersionSigmaZ = 1.5;

struct AttributeChartRequest {
  std::string product;
  std::vector<std::string> lots;  ///< empty = every lot of the product
  AttributeSource source = AttributeSource::DieYield;
  std::optional<spc::ChartType> type;  ///< unset: see the policy above
  std::string rules = "nelson";
};

struct AttributeChartAnalysis {
  /// The chart as every control chart is reported: one row per wafer in
  /// `chart.series` (value = the plotted fraction or rate), keys "LOT/slot".
  ControlChartAnalysis chart;
  std::vector<double> counts;  ///< per wafer: failing dies or defects
  std::vector<double> sizes;   ///< per wafer: tested dies or inspected area (cm²)
  double sigmaZ = 1.0;         ///< Laney's σz of the wafers
  bool overdispersed = false;
  bool chosenForOverdispersion = false;  ///< no chart was asked for and Laney's was chosen
  std::string note;                      ///< the chart chosen and why, overdispersion in words
};

/// Throws fab::Error for an unknown product, a product without die maps (or
/// inspected wafers), or a chart that does not fit the source.
AttributeChartAnalysis attributeChart(store::Database& db, const AttributeChartRequest& request);

}  // namespace fab::analysis

#pragma once
// Attribute control charts of a product's wafers for the SPC area: die fail
// fraction per wafer (p, np when every wafer has the same number of tested
// dies, Laney p′) from the die table, and defect density per wafer (u in
// defects per cm² of inspected area, c per wafer, Laney u′) from the defect
// table. The result is a ControlChartData, so the control chart's panel models,
// tooltips and painter draw it. Built on a worker thread; no widget here.
#include <optional>
#include <string>
#include <vector>

#include "ui/views/spc/control_chart_data.h"

namespace fab::ui {

enum class AttributeSource { DieYield, Defects };

struct AttributeChartRequest {
  std::string product;
  std::vector<std::string> lots;  ///< empty = every lot of the product
  AttributeSource source = AttributeSource::DieYield;
  /// p, np or Laney p′ for die yield; u, c or Laney u′ for defects. Unset:
  /// Laney p′ / u′ when the wafers are overdispersed, else np when every wafer
  /// has the same number of tested dies, else p; u for defects.
  std::optional<spc::ChartType> type;
  std::string rules = "nelson";
};

/// Laney's σz above this flags overdispersion (the p or u limits are too
/// narrow for the wafer-to-wafer variation): 1 for purely binomial or Poisson
/// wafers; Laney (2002) treats σz well above 1 as the signal to use p′ / u′.
constexpr double kOverdispersionSigmaZ = 1.5;

struct AttributeChartData {
  ControlChartData chart;      ///< chart.series holds one row per wafer: the plotted fraction or rate
  std::vector<double> counts;  ///< per wafer: failing dies or defects
  std::vector<double> sizes;   ///< per wafer: tested dies or inspected area (cm²)
  double sigmaZ = 1.0;         ///< Laney's σz of the wafers (overdispersion when > kOverdispersionSigmaZ)
  bool overdispersed = false;
  bool chosenForOverdispersion = false;  ///< no chart was asked for and Laney's was chosen
  std::string note;  ///< the chart chosen and why, overdispersion in words
};

/// Throws fab::Error when the product has no die maps (or no inspections) in scope.
AttributeChartData computeAttributeControlChart(store::Database& db, const AttributeChartRequest& request);

}  // namespace fab::ui

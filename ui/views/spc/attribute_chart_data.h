#pragma once
// Attribute control charts of a product's wafers for the SPC area: the
// analysis (core/analysis/attribute_chart.h: die fail fraction per wafer with
// p, np or Laney p′; defect density per wafer with u, c or Laney u′) as a
// ControlChartData, so the control chart's panel models, tooltips and painter
// draw it. Built on a worker thread; no widget here.
#include <string>
#include <vector>

#include "core/analysis/attribute_chart.h"
#include "ui/views/spc/control_chart_data.h"

namespace fab::ui {

using analysis::AttributeChartRequest;
using analysis::AttributeSource;
using analysis::kOverdispersionSigmaZ;

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

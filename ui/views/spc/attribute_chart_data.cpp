#include "ui/views/spc/attribute_chart_data.h"

namespace fab::ui {

AttributeChartData computeAttributeControlChart(store::Database& db, const AttributeChartRequest& request) {
  auto a = analysis::attributeChart(db, request);
  ControlChartRequest asked;
  asked.parameter = a.chart.request.parameter;
  asked.product = request.product;
  asked.type = a.chart.type;
  asked.subgroup = "wafer";
  asked.rules = request.rules;
  asked.useApproved = false;
  AttributeChartData out;
  out.counts = std::move(a.counts);
  out.sizes = std::move(a.sizes);
  out.sigmaZ = a.sigmaZ;
  out.overdispersed = a.overdispersed;
  out.chosenForOverdispersion = a.chosenForOverdispersion;
  out.note = a.note;
  out.chart = controlChartData(std::move(a.chart), asked);
  out.chart.chartNote = out.note;
  return out;
}

}  // namespace fab::ui

#include "ui/views/spc/control_chart_data.h"

#include "core/analysis/approved_chart.h"
#include "core/common/error.h"

namespace fab::ui {

analysis::ControlChartRequest analysisRequest(const ControlChartRequest& r) {
  analysis::ControlChartRequest a;
  a.parameter = r.parameter;
  a.product = r.product;
  a.useApproved = r.useApproved;
  a.groupBy = r.groupBy;
  a.step = r.step;
  a.settings.L = r.L;
  a.settings.lambda = r.lambda;
  a.settings.k = r.k;
  a.settings.h = r.h;
  if (r.automatic) return a;  // the chart in force, its subgroups and approved rules
  a.chart = r.type;
  a.subgroup = r.subgroup;
  a.settings.rules = r.rules;
  a.phasePerGroup = r.phasePerGroup;
  if (r.baselineFirst && r.baselineLast && !(r.phasePerGroup && r.groupBy)) {
    if (*r.baselineFirst < 1) throw Error("the phase I baseline starts at point 1 or later");
    a.baselineFirst = *r.baselineFirst - 1;
    a.baselineLast = *r.baselineLast - 1;
  }
  return a;
}

ControlChartData computeControlChart(store::Database& db, const ControlChartRequest& asked) {
  auto a = analysis::controlChart(db, analysisRequest(asked));
  if (a.series->size() == 0) throw Error("parameter " + asked.parameter + " has no rows");
  return controlChartData(std::move(a), asked);
}

ControlChartData controlChartData(analysis::ControlChartAnalysis a, const ControlChartRequest& asked) {
  ControlChartData d;
  d.request = asked;
  d.request.type = a.type;
  d.request.subgroup = a.subgroup;
  d.request.rules = a.rules;
  if (asked.automatic) {
    d.request.baselineFirst.reset();
    d.request.baselineLast.reset();
    d.request.phasePerGroup = false;
    d.chartNote = a.chartReason;
  }
  d.series = a.series;
  d.result = std::move(a.chart);
  d.options = std::move(a.options);
  d.keys = std::move(a.pointKeys);
  d.rowOf = std::move(a.rowOf);
  d.groups = std::move(a.groupLabels);
  d.open = std::move(a.open);
  d.approved = std::move(a.approved);
  d.spec = a.spec.stored;
  d.product = a.product;
  d.subgroupSize = a.subgroupSize;
  d.limitsSource = a.limitsSource;
  d.xLabels = asked.xLabels;
  for (std::size_t p = 0; p < d.result.panels.size(); ++p) d.panels.push_back(buildPanelModel(d, p));
  return d;
}

store::ApprovedLimits limitsToApprove(const ControlChartData& d, const std::string& who, const std::string& why) {
  analysis::ApprovalBasis basis;
  basis.parameter = d.request.parameter;
  basis.product = d.product;
  basis.type = d.request.type;
  basis.subgroupField = d.request.subgroup;
  basis.subgroupSize = d.subgroupSize;
  basis.rules = d.request.rules;
  return analysis::limitsToApprove(basis, d.options, d.result, who, why);
}

}  // namespace fab::ui

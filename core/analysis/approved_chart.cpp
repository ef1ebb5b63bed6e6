#include "core/analysis/approved_chart.h"

#include "core/spc/limits.h"

namespace fab::analysis {

void applyApprovedLimits(const store::ApprovedLimits& a, spc::ChartOptions& o) {
  o.L = a.limitWidth;
  o.lambda = a.lambda.value_or(o.lambda);
  o.k = a.k.value_or(o.k);
  o.h = a.h.value_or(o.h);
  o.headStart = a.headStart.value_or(o.headStart);
  o.target = a.target;
  o.rules = spc::parseRuleSelection(a.rules);
  if (o.phases.empty()) o.phases.push_back({});
  for (auto& p : o.phases) p.fixed = store::approvedEstimate(a);
}

store::ApprovedLimits limitsToApprove(const ApprovalBasis& basis, const spc::ChartOptions& o,
                                      const spc::ChartResult& result, const std::string& who, const std::string& why) {
  using spc::ChartType;
  const auto& phase = result.phases.back();
  store::ApprovedLimits a;
  a.parameter = basis.parameter;
  a.product = basis.product;
  a.chartType = spc::chartName(basis.type);
  a.subgroupKey = basis.subgroupField;
  if (basis.subgroupField.empty() && basis.subgroupSize) a.subgroupSize = static_cast<int>(*basis.subgroupSize);
  a.rules = basis.rules;
  a.center = phase.estimate.center;
  a.sigma = phase.estimate.sigma;
  a.sigmaOfMeans = phase.estimate.sigmaOfMeans;
  a.sigmaZ = phase.estimate.sigmaZ;
  a.sigmaMethod = phase.estimate.sigmaMethod;
  a.limitWidth = o.L;
  if (basis.type == ChartType::Ewma) a.lambda = o.lambda;
  if (basis.type == ChartType::Cusum) a.k = o.k, a.h = o.h, a.headStart = o.headStart;
  a.target = o.target;
  if (const auto* seg = spc::segmentAt(result.panels[0].limits, phase.baselineFirst))
    a.lcl = seg->lcl, a.ucl = seg->ucl;
  a.baselineSubgroups = static_cast<std::int64_t>(phase.estimate.subgroupsUsed);
  a.approvedBy = who;
  a.reason = why;
  return a;
}

}  // namespace fab::analysis

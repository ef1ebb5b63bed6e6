#include "core/analysis/sigma_within.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/error.h"

namespace fab::analysis {
namespace {

/// Median values per subgroup over the points that were not excluded.
double medianSubgroupSize(const spc::ChartResult& chart) {
  std::vector<double> n;
  for (std::size_t i = 0; i < chart.points(); ++i)
    if (!chart.isExcluded(i) && chart.size(i) > 0) n.push_back(chart.size(i));
  if (n.empty()) return 1;
  std::nth_element(n.begin(), n.begin() + n.size() / 2, n.end());
  return n[n.size() / 2];
}

std::string plain(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

SigmaWithin sigmaWithin(const spc::ChartResult& chart) {
  if (spc::isAttributeChart(chart.type) || chart.phases.empty())
    throw Error(std::string("capability needs a chart of measured values, not a ") + spc::chartName(chart.type) +
                " chart");
  const auto& e = chart.phases.back().estimate;
  if (chart.type != spc::ChartType::ThreeWay) return {e.sigma, e.sigmaMethod};
  const double n = medianSubgroupSize(chart);
  const double sigma = std::sqrt(e.sigmaOfMeans * e.sigmaOfMeans + e.sigma * e.sigma * (1 - 1 / n));
  return {sigma, "between and within subgroups: √(σ_means² + σ_within²·(1 − 1/n)), n = " + plain(n) +
                     " values per subgroup (" + e.sigmaMethod + ")"};
}

}  // namespace fab::analysis

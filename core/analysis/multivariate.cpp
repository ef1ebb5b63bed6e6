#include "core/analysis/multivariate.h"

#include "core/common/error.h"
#include "core/store/wafer_means.h"

namespace fab::analysis {

MultivariateAnalysis multivariateChart(store::Database& db, const MultivariateRequest& request) {
  if (request.parameters.size() < 2)
    throw Error("a multivariate chart needs two or more parameters (" + std::to_string(request.parameters.size()) +
                " given)");
  MultivariateAnalysis a;
  a.request = request;
  store::MeasurementFilter filter;
  filter.product = request.product;
  const auto table = store::loadWaferMeans(db, request.parameters, filter);
  Eigen::MatrixXd data(static_cast<Eigen::Index>(table.lot.size()), static_cast<Eigen::Index>(request.parameters.size()));
  std::vector<std::string> waferKeys;
  for (std::size_t w = 0; w < table.lot.size(); ++w) {
    for (std::size_t j = 0; j < request.parameters.size(); ++j)
      data(static_cast<Eigen::Index>(w), static_cast<Eigen::Index>(j)) = table.means[w][j];
    waferKeys.push_back(table.lot[w] + "/" + std::to_string(table.wafer[w]));
  }
  a.notes.push_back("one row per wafer: the mean of its sites for each parameter");
  if (table.wafersDropped)
    a.notes.push_back(std::to_string(table.wafersDropped) + " wafers not measured for every parameter left out");
  std::optional<spc::Subgroups> groups;
  if (request.subgroupByLot) {
    groups = spc::subgroupsByKey(table.lot);
    a.notes.push_back(
        "S pooled within lots holds only the wafer-to-wafer variation: routine lot-to-lot shifts "
        "signal too (Montgomery, Introduction to SQC, §6.3.3 on rational subgroups)");
  }
  a.t2 = spc::hotellingT2(data, groups ? &*groups : nullptr, request.parameters, request.t2);
  if (request.mewma) a.mewma = spc::mewma(a.t2, *request.mewma);
  for (std::size_t i = 0; i < a.t2.statistic.size(); ++i) {
    if (!groups)
      a.pointKeys.push_back(waferKeys[i]);
    else
      a.pointKeys.push_back(groups->keys[i].empty() ? "subgroup " + std::to_string(i + 1) : groups->keys[i]);
  }
  return a;
}

}  // namespace fab::analysis

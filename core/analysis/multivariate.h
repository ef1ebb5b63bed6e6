#pragma once
// Several workspace parameters charted together (Hotelling T² and MEWMA), as
// the engineer asks for it from the GUI or `fabkit-cli t2`: one point per
// wafer (the mean of its sites) or per lot (the wafers of a lot a subgroup),
// the wafers measured for every parameter only. One function decides the
// rows and the subgroups and says so in the result's notes
// (docs/ARCHITECTURE.md §2, the workspace-analysis layer).
#include <optional>
#include <string>
#include <vector>

#include "core/spc/hotelling_t2.h"
#include "core/spc/mewma.h"
#include "core/store/database.h"

namespace fab::analysis {

struct MultivariateRequest {
  std::vector<std::string> parameters;   ///< two or more
  std::string product;                   ///< only this product's lots; "" = every product
  bool subgroupByLot = false;            ///< the wafers of a lot as one subgroup
  spc::T2Options t2;                     ///< α and the phase I points
  std::optional<spc::MewmaOptions> mewma;  ///< also the MEWMA chart
};

struct MultivariateAnalysis {
  MultivariateRequest request;
  spc::T2Chart t2;
  std::optional<spc::MewmaChart> mewma;
  std::vector<std::string> pointKeys;  ///< per point: "LOT/WAFER", or the lot
  std::vector<std::string> notes;      ///< the row and subgroup decisions, then the chart's notes
};

/// Throws fab::Error for fewer than two parameters, an unknown parameter (naming
/// those present) or data that cannot estimate the covariance.
MultivariateAnalysis multivariateChart(store::Database& db, const MultivariateRequest& request);

}  // namespace fab::analysis

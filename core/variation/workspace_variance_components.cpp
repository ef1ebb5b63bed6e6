#include "core/variation/workspace_variance_components.h"

namespace fab::variation {

WorkspaceVarianceComponents workspaceVarianceComponents(store::Database& db, const WorkspaceVarianceRequest& request) {
  const auto series = store::loadMeasurements(db, request.parameter, request.filter);
  std::vector<std::vector<std::string>> keys(2);
  keys[0] = series.lot;
  keys[1].reserve(series.size());
  for (int w : series.wafer) keys[1].push_back(std::to_string(w));
  std::size_t dropped = 0;
  const auto design = nestedDesign({"lot", "wafer"}, keys, series.value, "site", &dropped);
  WorkspaceVarianceComponents out;
  out.unit = series.unit;
  out.result = varianceComponents(design, request.options);
  out.design = design;
  if (dropped) out.result.notes.push_back(std::to_string(dropped) + " rows without a value were left out");
  return out;
}

}  // namespace fab::variation

#pragma once
// Everything the navigator lists, read in one go on a worker thread.
#include <string>
#include <vector>

#include "core/msa/gauge_store.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "core/store/table_page.h"

namespace fab::ui {

struct NavigatorSnapshot {
  std::vector<store::ImportBatchSummary> batches;
  std::vector<store::LotSummary> lots;
  std::vector<store::ParameterSummary> parameters;
  std::vector<store::Product> products;
  std::vector<msa::GaugeStudyInfo> gaugeStudies;
};

/// Reads the lists through a read-only connection. Throws fab::Error.
NavigatorSnapshot loadNavigatorSnapshot(const std::string& workspacePath);

}  // namespace fab::ui

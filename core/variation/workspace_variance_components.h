#pragma once
// Variance components of one workspace parameter: lot, wafer within lot and
// site within wafer (the residual). The one place that decides the levels and
// the window, for the CLI, the GUI and reports alike. docs/ARCHITECTURE.md §2.
#include <string>

#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/variation/variance_components.h"

namespace fab::variation {

struct WorkspaceVarianceRequest {
  std::string parameter;
  store::MeasurementFilter filter;  ///< time window, lots, product
  VarianceComponentsOptions options;
};

struct WorkspaceVarianceComponents {
  VarianceComponentsResult result;
  std::string unit;  ///< the parameter's unit
  /// The observations by lot and wafer, in the series' order: what a
  /// variability (multi-vari) chart draws beside the components.
  NestedDesign design;
};

/// Throws fab::Error naming the parameters present when there is no such parameter.
WorkspaceVarianceComponents workspaceVarianceComponents(store::Database& db, const WorkspaceVarianceRequest& request);

}  // namespace fab::variation

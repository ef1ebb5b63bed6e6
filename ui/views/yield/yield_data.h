#pragma once
// The workspace's die sort data for the yield calculator: one product's
// wafers, its die area, the window-method fit and the yield-loss Pareto.
// Loaded and computed on a worker thread.
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/wafer/wafer_layout.h"
#include "core/yield/sort_wafer.h"
#include "core/yield/window_fit.h"
#include "core/yield/yield_pareto.h"

namespace fab::ui::yield {

struct ProductYieldData {
  std::string product;
  double dieAreaCm2 = 0;
  std::size_t wafers = 0;
  fab::yield::WindowFitResult fit;
  fab::yield::YieldPareto pareto;                 ///< by bin, and by zone from the product's wafer layout
  std::optional<fab::wafer::WaferLayout> layout;  ///< unset when the product's layout is not usable
};

/// Products that have die sort data and a die size, in name order.
std::vector<std::string> productsWithDies(store::Database& db);

/// Loads the product's dies (every failing bin counted as defect-limited) and
/// fits the window method. Throws fab::Error when the product has no dies or no die size.
ProductYieldData loadProductYield(store::Database& db, const std::string& product,
                                  const fab::yield::ModelParameters& parameters);

}  // namespace fab::ui::yield

#pragma once
// The dies-per-wafer panel of the yield calculator: from a wafer size, edge
// exclusion, die size and scribe to the chart layer's drawing, with the exact
// count (core/wafer, best of four grid placements), both named estimates and,
// given a die yield and a wafer cost, good dies per wafer and cost per good die.
#include <QString>

#include <limits>
#include <memory>
#include <optional>

#include "core/wafer/dies_per_wafer.h"
#include "core/wafer/wafer_layout.h"
#include "core/yield/good_die_cost.h"
#include "ui/chart/dies_per_wafer_painter.h"

namespace fab::ui::yield {

struct WaferInputs {
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  double dieWidthMm = 10, dieHeightMm = 10;  ///< without scribe
  double scribeUm = 100;
  double yield = std::numeric_limits<double>::quiet_NaN();      ///< die yield; NaN = not given
  QString yieldSource;                                          ///< how the yield was obtained ("Murphy at …")
  double waferCost = std::numeric_limits<double>::quiet_NaN();  ///< NaN = not given

  /// The layout (notch down, grid numbered from the wafer centre).
  fab::wafer::WaferLayout layout() const;
};

struct DiesPerWaferChart {
  std::shared_ptr<chart::DiesPerWaferModel> model;
  std::optional<fab::wafer::DiesPerWafer> counts;  ///< unset when the inputs are invalid
  std::optional<fab::yield::GoodDieCost> cost;     ///< set when a yield was given
  QString error;                                   ///< why there is no count, for the user
};

/// Counts and draws: the grid shown is the placement of the exact count, so
/// the filled cells are exactly `counts->exact`. Invalid inputs give a model
/// with the wafer only and the message as its facts.
DiesPerWaferChart diesPerWaferChart(const WaferInputs& in);

}  // namespace fab::ui::yield

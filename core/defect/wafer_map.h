#pragma once
// A wafer map as a painter draws it: the product's die grid with each die's
// state and sort result, and the defects at their positions with their die
// and cluster — all in the product's die frame and view (the one die frame of
// core/wafer/die_frame.h). Computed once, drawn many times.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/defect/inspected_dies.h"
#include "core/store/dies.h"
#include "core/wafer/die_grid.h"

namespace fab::defect {

struct WaferMapDie {
  wafer::DieIndex index;
  wafer::DieState state = wafer::DieState::Complete;  ///< off-wafer for sort results outside the grid
  wafer::WaferPoint centre;                           ///< product view, µm
  std::optional<int> bin;                             ///< no value: not tested
  std::optional<bool> pass;
  bool inspected = true;  ///< covered by the wafer's inspections (a KLARF SampleTestPlan lists it, or there is none)
};

struct WaferMapDefect {
  std::int64_t defectId = 0;
  wafer::WaferPoint position;  ///< wafer frame (notch down), µm
  wafer::WaferPoint view;      ///< product view (notch where the product draws it), µm
  wafer::DieIndex die;         ///< product die under the defect
  double sizeUm = 0;
  int defectClass = 0;
  int cluster = -1;  ///< set by the caller after clustering; -1 = none / noise
};

struct WaferMap {
  wafer::WaferLayout layout;
  std::vector<WaferMapDie> dies;        ///< grid dies (complete, partial), then sort results off the grid
  std::vector<WaferMapDefect> defects;  ///< in input order
  std::size_t tested = 0, passed = 0;   ///< dies with a sort result, and those that pass
  std::size_t defectsOffWafer = 0;      ///< defects outside the wafer disc
  InspectedDies inspected;              ///< which dies the inspections covered
};

/// Throws fab::Error for an invalid layout.
WaferMap buildWaferMap(const wafer::WaferLayout& layout, std::span<const store::Die> dies,
                       std::span<const store::Defect> defects, const InspectedDies& inspected = {});

}  // namespace fab::defect

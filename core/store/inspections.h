#pragma once
// What each inspection of a wafer covered (migration 005): one entry per wafer
// of an imported KLARF file, with the dies its SampleTestPlan lists, or the
// whole wafer when it lists none.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/dies.h"

namespace fab::store {

struct InspectedDie {
  int sourceX = 0, sourceY = 0;   ///< die index as the inspection file lists it
  double xUm = 0, yUm = 0;        ///< centre of the die's cell, wafer frame (µm, centre origin, y up, notch down)
  std::optional<int> dieX, dieY;  ///< product's die frame at import; unset when the layout was unknown then
};

struct Inspection {
  std::int64_t id = 0, batchId = 0;
  std::string layer;
  bool wholeWafer = true;          ///< no sample test plan: every die was inspected
  std::vector<InspectedDie> dies;  ///< the sample test plan (empty when wholeWafer)
};

struct WaferInspections {
  std::string lot;
  int wafer = 0;
  std::vector<Inspection> inspections;  ///< in import order
};

/// Inspections per wafer, ordered by lot and wafer; only those of `layer` when it is not empty.
std::vector<WaferInspections> loadInspections(Database& db, const DieFilter& filter = {},
                                              const std::string& layer = "");

}  // namespace fab::store

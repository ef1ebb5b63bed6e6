#pragma once
// KLARF defects placed on the product's die grid, through the one die-frame
// conversion of core/wafer/die_frame.h: KLARF die index + XREL/YREL → wafer
// frame (µm, centre origin, y up, notch down) → the product's die index.
#include <cstdint>
#include <vector>

#include "core/defect/klarf.h"
#include "core/wafer/die_frame.h"

namespace fab::defect {

struct PlacedDefect {
  std::int64_t defectId = 0;   ///< DEFECTID, else the row number (1-based)
  wafer::WaferPoint position;  ///< wafer frame, µm
  wafer::DieIndex klarfDie;    ///< XINDEX, YINDEX as in the file
  double sizeUm = 0;           ///< DSIZE, else the larger of XSIZE and YSIZE; NaN when none is given
  int defectClass = 0;         ///< CLASSNUMBER (0 when absent)
  std::int64_t line = 0;       ///< line of the defect row in the file
};

/// Every defect of a wafer with its wafer-frame position.
std::vector<PlacedDefect> placeKlarfDefects(const KlarfWafer& wafer);

/// The product die under a placed defect.
inline wafer::DieIndex productDie(const wafer::DieFrame& product, const PlacedDefect& d) {
  return wafer::locate(product, d.position).die;
}

/// A die of a KLARF SampleTestPlan and the centre of its cell in the wafer frame (µm).
struct PlannedDie {
  wafer::DieIndex klarfDie;
  wafer::WaferPoint centre;
};
std::vector<PlannedDie> placeTestPlan(const KlarfWafer& wafer);

/// The KLARF sample test plan's dies numbered in the product's die frame.
std::vector<wafer::DieIndex> testPlanInProductFrame(const KlarfWafer& wafer, const wafer::DieFrame& product);

/// Defects whose KLARF die index, carried into the product frame, is not the
/// product die under their position: 0 when the file's die grid matches the
/// product layout.
std::size_t gridMismatches(const KlarfWafer& wafer, const wafer::DieFrame& product);

}  // namespace fab::defect

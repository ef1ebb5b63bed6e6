#pragma once
// Dies per wafer: the exact count of complete dies for a layout, and the two
// textbook estimates, each named (docs/ARCHITECTURE.md §4 "Yield and KGD"; they differ).
#include <string>
#include <vector>

#include "core/wafer/wafer_layout.h"

namespace fab::wafer {

/// The classic estimate N = πd²/(4S) − πd/√(2S) (wafer area over die area, less
/// the dies lost along the circumference; e.g. de Vries, "Investigation of
/// gross die per wafer formulas", IEEE Trans. Semicond. Manuf. 18(1), 2005).
/// d: usable diameter (mm), S: die area including scribe (mm²).
double classicDiesPerWafer(double diameterMm, double dieAreaMm2);

/// Flynn's estimate N = π(d − √S)²/(4S) (Hennessy & Patterson / Flynn,
/// *Computer Architecture*, p. 89: a disc shrunk by one die side).
double flynnDiesPerWafer(double diameterMm, double dieAreaMm2);

struct DiePlacement {
  std::string name;  ///< "die centred", "column edge centred", "row edge centred", "corner centred"
  double gridOffsetXUm = 0, gridOffsetYUm = 0;
  int complete = 0, partial = 0;
};

struct DiesPerWafer {
  int exact = 0;  ///< complete dies of the best placement below
  std::string bestPlacement;
  std::vector<DiePlacement> placements;  ///< the four half-pitch placements of the grid
  double classicEstimate = 0;            ///< πd²/(4S) − πd/√(2S)
  double flynnEstimate = 0;              ///< π(d − √S)²/(4S)
  double usableDiameterMm = 0;           ///< d: the diameter less twice the edge exclusion
  double dieAreaMm2 = 0;                 ///< S: the pitch area (die + scribe)
};

/// Counts complete dies for the layout's die size, scribe and edge exclusion
/// with the die grid centred on the wafer, on a die edge in x, in y, and on a
/// die corner, and keeps the best; the estimates use the usable diameter and
/// the pitch area. The layout's own grid offset and numbering are ignored.
DiesPerWafer diesPerWafer(const WaferLayout& layout);

}  // namespace fab::wafer

#pragma once
// The product layout a wafer-sort STDF file implies (docs/ARCHITECTURE.md §3
// `product`, §4 "Coordinate frames"), so that its lot opens in wafer maps and
// yield reports without a separate products file.
//
// From the WCR (STDF Specification V4, "Wafer Configuration Record") when it
// gives the wafer and die size: WAFR_SIZ, DIE_HT, DIE_WID in WF_UNITS; WF_FLAT
// the notch; POS_Y whether die rows count up or down; POS_X which way columns
// count (leftwards = the same grid seen turned half a turn); CENTER_X/Y the
// die at the wafer centre. Otherwise the layout is inferred from the die grid:
// the grid's centre at the wafer centre, dies as square as the grid's aspect
// allows (a round wafer spans as many millimetres across as down), the
// smallest standard diameter on which the dies are at least kSmallestDieMm on
// their shorter side, and the dies sized so the grid fills the usable wafer.
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/stdf/records.h"
#include "core/store/dies.h"

namespace fab::io {
class ImportBatch;
}

namespace fab::stdf {

/// Standard wafer diameters (SEMI M1), mm.
inline constexpr double kStandardDiametersMm[] = {100, 125, 150, 200, 300};
/// The smallest die side an inferred layout allows, mm.
inline constexpr double kSmallestDieMm = 1.0;
/// Edge exclusion given to a product made from a file, mm (the product default).
inline constexpr double kFileProductEdgeMm = 3.0;

/// The die coordinates a file tested (over all its wafers).
class DieGrid {
 public:
  void add(int x, int y) { dies_.insert({x, y}); }
  bool empty() const { return dies_.empty(); }
  const std::set<std::pair<int, int>>& dies() const { return dies_; }
  int minX() const, maxX() const, minY() const, maxY() const;

 private:
  std::set<std::pair<int, int>> dies_;
};

/// A layout made from a file, with where each part came from.
struct FileProduct {
  store::Product product;
  bool fromWcr = false;               ///< wafer and die size from the WCR (else inferred)
  bool notchGiven = false;            ///< WF_FLAT given
  bool rowsGiven = false;             ///< POS_Y given
  bool originGiven = false;           ///< CENTER_X/Y given and on the tested grid
  std::vector<std::string> notes;     ///< the source of each field, for the batch notes
  std::vector<std::string> warnings;  ///< fields of the WCR that could not be used as given
};

/// Millimetres per WF_UNITS unit (1 in, 2 cm, 3 mm, 4 mil); nullopt for 0 (unknown) or another code.
std::optional<double> millimetresPerUnit(int wfUnits);

/// The layout of product `name` that `wcr` (when the file has one) and the
/// tested dies imply, passing `passBins`. Nullopt when the grid is empty.
std::optional<FileProduct> productFromFile(const std::string& name, const std::optional<Wcr>& wcr, const DieGrid& grid,
                                           const std::vector<int>& passBins);

/// Inside the import's transaction: creates product `name` from the file when
/// the workspace has none (noting the source), else keeps the workspace's and
/// warns about each field the WCR gives otherwise. Nothing when the file
/// tested no die with coordinates or `name` is empty.
void settleFileProduct(io::ImportBatch& batch, const std::string& name, const std::optional<Wcr>& wcr,
                       const DieGrid& grid, const std::vector<int>& passBins);

}  // namespace fab::stdf

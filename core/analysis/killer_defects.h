#pragma once
// Killer defects of a workspace, as the wafer-map view's killer panel and
// `fabkit-cli killer` ask for them (docs/ARCHITECTURE.md §2, the
// workspace-analysis layer). One policy for which wafers and dies count:
// - wafers with sort results that were inspected (at the layer): defects or a
//   KLARF inspection record; a wafer without defects counts only when a record
//   says it was inspected;
// - each lot's die grid is the one in force (die_grid_in_force.h), so defects
//   land on the same dies as on the lot's wafer maps;
// - only the dies an inspection covered count (a KLARF SampleTestPlan, else
//   every tested die of the wafer);
// - one observation per defective inspected die: its largest defect, killed
//   when the die fails.
// Then the kill ratio KR = 1 − Yd/Yc by size and class, the kill fraction per
// size bin, the logistic kill probability and the killer size.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/defect/kill_ratio.h"
#include "core/defect/logistic_fit.h"
#include "core/store/database.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"

namespace fab::analysis {

struct KillerRequest {
  std::vector<std::string> lots;  ///< empty = every lot
  std::string layer;              ///< inspection layer; "" = every layer
  defect::KillRatioOptions options;
  double probability = 0.5;  ///< the kill probability whose size is the killer size
  bool logSize = false;      ///< logistic in ln(size) instead of size
  double cleanYield = 0;     ///< Yc for the kill ratio of each size bin (0 = not given)
};

struct KillerAnalysis {
  std::vector<double> sizeUm;                        ///< one per defective inspected tested die: its largest defect
  std::vector<int> killed;                           ///< 1 when that die fails
  std::optional<defect::KillRatioTable> killRatios;  ///< over the inspected dies (workspace data only)
  std::size_t testedDies = 0, inspectedDies = 0;     ///< on the inspected wafers
  std::size_t planWafers = 0;                        ///< wafers whose inspection had a SampleTestPlan
  std::size_t inspectedWafers = 0;                   ///< wafers with sort results and defects or a record
  std::size_t wafers = 0;                            ///< wafers with at least one observation
  std::vector<defect::KillFraction> fractions;
  defect::LogisticFit fit;
  defect::KillerSize killer;
  std::vector<std::string> notes;
};

/// What the analysis reads of a workspace: the sort results of whole lots
/// (ordered by lot and wafer, as store::loadDies gives them), their defects
/// and inspections at the layer, and the layouts of their products.
struct KillerData {
  std::vector<store::WaferDies> dies;
  std::vector<store::WaferDefects> defects;
  std::vector<store::WaferInspections> inspections;
  std::map<std::string, std::optional<store::Product>> products;  ///< by name; nullopt = no layout
};

/// Reads the lots, layer and products of `request`.
KillerData loadKillerData(store::Database& db, const KillerRequest& request);

/// The analysis of data already read (a view that holds a lot's maps reads them once).
/// Throws fab::Error when no wafer has both sort results and an inspection.
KillerAnalysis killersOf(const KillerData& data, const KillerRequest& request);

/// loadKillerData, then killersOf.
KillerAnalysis workspaceKillers(store::Database& db, const KillerRequest& request);

/// The size analysis of observations given directly (a CSV of size and killed).
KillerAnalysis killersOfObservations(std::vector<double> sizeUm, std::vector<int> killed, const KillerRequest& request);

}  // namespace fab::analysis

#pragma once
// The experimental unit of a before/after mean comparison.
//
// The wafers of one lot go through every step together and share the lot's
// offset (its chamber state, its reticle, its metrology run), so the wafer
// means within a lot are not independent replicates of the change: they are
// subsamples nested in the lot. Testing a mean shift on wafer means counts
// each lot's offset once per wafer, and the test is as overconfident as if
// the lot count were multiplied by the wafers per lot. The unit that received
// the change independently is the lot, and the mean shift is tested on lot
// means (Montgomery, "Design and Analysis of Experiments", 9th ed., §14.1,
// the two-stage nested design: the test of the factor uses the variation
// between the units it was applied to, not between subsamples).
//
// Spread and capability keep wafer means: there the wafer-to-wafer variation
// is what is being judged.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fab::lean {

enum class MeanUnitKind { Wafer, Lot };
std::string_view meanUnitName(MeanUnitKind kind);  ///< "wafer means", "lot means"

/// The values the mean-shift test runs on.
struct MeanUnits {
  MeanUnitKind kind = MeanUnitKind::Wafer;
  std::vector<double> before, after;  ///< one value per unit, each side in time order
  /// The lot of each unit (lot units only).
  std::vector<std::string> beforeLot, afterLot;
  /// Wafer means per lot, smallest and largest (over the whole lot, both sides).
  std::size_t minPerLot = 1, maxPerLot = 1;
  /// Lots with wafers on both sides of the change. Each is split by phase into
  /// two units: its wafers did run before and after the change, and dropping
  /// them would lose the lots nearest the change. The two halves share the
  /// lot's offset, which pulls the difference towards zero (conservative).
  std::size_t splitLots = 0;
  /// One line for the user: the unit and why; empty for wafers without nesting.
  std::string note;
  std::size_t size() const { return before.size() + after.size(); }
};

/// The units of the mean-shift test.
///
/// `values`/`after`/`lot` are the evidence input (one value per wafer; `lot`
/// may be empty), `order` the indices of the finite values in phase order
/// (every before value, then every after value, each in time order).
/// With `byLot` false, or without lots, or with one value per lot, the units
/// are the values themselves. With `byLot` and more than one value in some lot,
/// the units are the lot means of each side (a lot's units take the time order
/// of its first value); when that leaves fewer than two lots on a side the
/// values are kept, and the note says the test overstates the evidence.
MeanUnits meanUnits(const std::vector<double>& values, const std::vector<bool>& after,
                    const std::vector<std::string>& lot, const std::vector<std::size_t>& order, bool byLot);

}  // namespace fab::lean

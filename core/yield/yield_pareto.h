#pragma once
// Yield-loss Pareto: which fail bins, and which wafer zones, lose the most dies.
//
// By bin: failed dies per bin, largest first, with each bin's share of all
// failed dies and the cumulative share (the Pareto line). By zone: the wafer
// is cut into a center disc, a middle ring and an edge ring by the die
// centre's radius fraction; each zone's yield, its share of the loss and its
// own bin Pareto, zones ordered by loss. The default ring edges √(1/3) and
// √(2/3) make three zones of equal area, so their die counts are comparable.
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "core/yield/sort_wafer.h"

namespace fab::yield {

struct ParetoOptions {
  double centerEdge = std::sqrt(1.0 / 3.0);  ///< radius fraction where center ends
  double middleEdge = std::sqrt(2.0 / 3.0);  ///< radius fraction where the edge ring starts
  /// Throws fab::Error unless 0 < centerEdge < middleEdge < 1.
  void validate() const;
};

struct BinLoss {
  int bin = 0;
  long long dies = 0;            ///< failed dies in this bin
  double fractionOfDies = 0.0;   ///< of all dies (in scope): the yield this bin costs
  double shareOfLoss = 0.0;      ///< of all failed dies
  double cumulativeShare = 0.0;  ///< running sum of shareOfLoss in Pareto order
};

enum class Zone { Center = 0, Middle = 1, Edge = 2 };
const char* zoneName(Zone zone);

struct ZoneLoss {
  Zone zone = Zone::Center;
  double from = 0.0;  ///< radius fraction, inclusive
  double to = 1.0;    ///< radius fraction, exclusive (the edge ring takes everything beyond)
  long long dies = 0;
  long long failed = 0;
  double yield = 0.0;  ///< NaN for a zone without dies
  double shareOfLoss = 0.0;
  double cumulativeShare = 0.0;
  std::vector<BinLoss> bins;
};

struct YieldPareto {
  long long dies = 0;
  long long failed = 0;
  double yield = 0.0;  ///< NaN without dies
  std::vector<BinLoss> byBin;
  /// Zones ordered by failed dies (largest first); empty when no die has a
  /// radius fraction.
  std::vector<ZoneLoss> byZone;
  long long diesWithoutRadius = 0;  ///< left out of the zone table
  std::vector<std::string> warnings;
};

/// Pareto over all dies of all wafers. Throws fab::Error for bad options or a
/// negative radius fraction (naming the wafer and input row).
YieldPareto yieldPareto(std::span<const SortWafer> wafers, const ParetoOptions& options = {});

}  // namespace fab::yield

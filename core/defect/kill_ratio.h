#pragma once
// Kill ratios of defects overlaid on die pass/fail (docs/ARCHITECTURE.md §4 "Killer
// defects"): KR = 1 − Yd/Yc, with Yd the yield of inspected dies holding a
// defect and Yc the yield of inspected dies without one (e.g. Shen, Stapper
// et al.; W. Kuo & T. Kim, Proc. IEEE 87, 1999), overall, per defect-size bin
// and per defect class, with Clopper–Pearson intervals.
#include <span>
#include <string>
#include <vector>

#include "core/wafer/die_frame.h"

namespace fab::defect {

struct KillDie {
  int wafer = 0;          ///< any key telling wafers apart
  wafer::DieIndex index;  ///< in the product's die frame
  bool pass = false;
  bool inspected = true;  ///< inside the inspection's sample test plan
};

struct KillDefect {
  int wafer = 0;
  wafer::DieIndex die;  ///< in the product's die frame
  double sizeUm = 0;    ///< NaN when unknown (left out of the size bins)
  int defectClass = 0;
};

struct KillRatioOptions {
  /// Size-bin edges (µm, ascending): bins [e0, e1), [e1, e2), … plus below e0 and at or above the last.
  std::vector<double> sizeEdges = {0.1, 0.2, 0.5, 1, 2, 5};
  double confidence = 0.95;
  void validate() const;
};

struct KillRatio {
  std::string group;  ///< "all", "0.2–0.5 µm", "class 3"
  std::size_t defectiveDies = 0, defectivePass = 0;
  std::size_t cleanDies = 0, cleanPass = 0;
  double yd = 0, yc = 0;                                ///< NaN when the group has no dies
  double ydLow = 0, ydHigh = 0, ycLow = 0, ycHigh = 0;  ///< Clopper–Pearson, each at 1 − α/2
  /// KR and a conservative interval from the two (Bonferroni: joint level
  /// >= the confidence): [1 − ydHigh/ycLow, 1 − ydLow/ycHigh], at most 1.
  double kr = 0, krLow = 0, krHigh = 0;
  std::string note;  ///< why a value is missing
};

struct KillRatioTable {
  KillRatio overall;
  std::vector<KillRatio> bySize;   ///< dies whose defects all fall in the bin
  std::vector<KillRatio> byClass;  ///< dies whose defects are all of the class
  std::size_t defectsOffMap = 0;   ///< defects on dies without a pass/fail (not tested, off the map)
  std::size_t defectsUninspected = 0;
  std::size_t mixedSizeDies = 0, mixedClassDies = 0;  ///< defective dies left out of the bin / class tables
  std::vector<std::string> notes;
};

/// Overlays the defects on the dies (same wafer key and die index) and computes
/// the table. Throws fab::Error for bad options or when no inspected die is given.
KillRatioTable killRatios(std::span<const KillDie> dies, std::span<const KillDefect> defects,
                          const KillRatioOptions& options = {});

/// Defect-level observations (size, killed) per size bin, as from a CSV of
/// defects with their die's fate: the fraction killed with its Clopper–Pearson
/// interval (at the full confidence), and, when the yield of defect-free dies
/// Yc is known (cleanYield > 0), KR = 1 − (1 − fraction)/Yc with the interval
/// carried over from the fraction's (Yc taken as exact).
struct KillFraction {
  std::string group;
  std::size_t defects = 0, killed = 0;
  double fraction = 0, low = 0, high = 0;
  double kr = 0, krLow = 0, krHigh = 0;  ///< NaN without a clean yield
};
std::vector<KillFraction> killFractionsBySize(std::span<const double> sizeUm, std::span<const int> killed,
                                              const KillRatioOptions& options, double cleanYield = 0);

/// Fills yd/yc, their intervals and KR from the four counts.
KillRatio killRatio(std::string group, std::size_t defectiveDies, std::size_t defectivePass, std::size_t cleanDies,
                    std::size_t cleanPass, double confidence);

}  // namespace fab::defect

#pragma once
// Die sort results from a plain CSV file (one row per die), for the yield
// analyses run without a workspace:
//   wafer,die_x,die_y,pass[,bin][,lot][,radius_fraction]
// pass is 1/0, true/false, yes/no, pass/fail or P/F (case-insensitive).
#include <set>
#include <string>
#include <vector>

#include "core/yield/sort_wafer.h"

namespace fab::yield {

struct SortCsvOptions {
  /// Bins whose failing dies are not defect-limited (left out of the window
  /// method). Needs a bin column.
  std::set<int> excludedBins;
};

/// Reads the file into one SortWafer per (lot, wafer), in order of first
/// appearance; SortDie::row is the 1-based file line. Throws fab::Error with
/// the file, line and column for a missing column or a bad value.
std::vector<SortWafer> readSortCsv(const std::string& path, const SortCsvOptions& options = {});

}  // namespace fab::yield

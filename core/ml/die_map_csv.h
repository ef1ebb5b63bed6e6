#pragma once
// Die maps from a plain CSV file: one row per die with columns
// wafer, die_x, die_y and either pass (1/0, true/false, pass/fail) or bin.
#include <string>
#include <vector>

#include "core/ml/die_map.h"

namespace fab::ml {

struct DieMapCsvOptions {
  /// Bins that count as passing when the file has a `bin` column and no `pass` column.
  std::vector<long long> passBins = {1};
  /// Applied to every wafer of the file (pitch unknown by default: inferred).
  DieMapLayout layout;
};

/// Reads every wafer of the file, in the order each first appears; each map's
/// firstRow is the file line of its first die. Throws fab::Error with the file
/// and line for a missing column, a non-integer die index, a pass value that is
/// not 1/0/true/false/pass/fail, a bin that is not an integer, or an empty file.
std::vector<DieMap> readDieMapsCsv(const std::string& path, const DieMapCsvOptions& options = {});

}  // namespace fab::ml

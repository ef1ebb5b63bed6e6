#pragma once
// The Nile series (Cobb 1978; R datasets::Nile), used throughout Durbin & Koopman.
#include <vector>

#include "core/io/csv_table.h"
#include "tests/support/temp_dir.h"

namespace fab::kalman::test {

struct NileSeries {
  std::vector<double> year;
  std::vector<double> volume;
};

inline NileSeries nileSeries() {
  const auto table = io::CsvTable::read(fab::test::referenceFile("nile.csv"));
  return {table.numbers("year"), table.numbers("volume")};
}

/// The maximum-likelihood variances of the local-level model for the Nile data (D&K §2.10).
constexpr double kNileVarEps = 15099.0;
constexpr double kNileVarEta = 1469.1;

}  // namespace fab::kalman::test

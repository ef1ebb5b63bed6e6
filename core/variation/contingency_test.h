#pragma once
// Pearson's χ² test of independence on a contingency table: does the share of
// failing dies (or wafers) depend on the tool?
//
// Pearson (1900); Agresti, "Categorical Data Analysis", 3rd ed., §3.2.1:
//   X² = Σ (O − E)² / E,  E_ij = row_i col_j / N,  df = (r − 1)(c − 1),
// rows and columns with a zero total left out. The approximation wants the
// expected counts ≥ 5 (Cochran 1954); the result says how many are below.
#include <string>
#include <vector>

namespace fab::variation {

struct ChiSquareTest {
  double statistic = 0;
  int df = 0;
  double pValue = 1;
  int smallExpected = 0;  ///< cells with an expected count below 5
  double minExpected = 0;
  std::string message;  ///< why the test is not defined, else ""
};

/// counts[i][j]: row i (a tool), column j (pass, fail). Rows must be equally long.
ChiSquareTest chiSquareIndependence(const std::vector<std::vector<double>>& counts);

}  // namespace fab::variation

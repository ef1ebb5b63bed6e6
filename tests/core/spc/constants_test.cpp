#include "core/spc/constants.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {
namespace {

/// The "Control chart constants" table of tests/reference/README.md (NIST
/// §6.3.2 / ASTM E2587, 4 decimals): columns n d2 d3 c4 A2 A3 D3 D4 B3 B4.
std::vector<std::vector<double>> publishedTable() {
  std::ifstream in(std::string(FAB_TEST_DIR) + "/reference/README.md");
  std::string line;
  bool inTable = false;
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (line.rfind("## Control chart constants", 0) == 0)
      inTable = true;
    else if (line.rfind("## ", 0) == 0)
      inTable = false;
    if (!inTable || line.rfind("| ", 0) != 0 || line.find("| n |") == 0) continue;
    std::vector<double> row;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '|'))
      if (cell.find_first_of("0123456789") != std::string::npos) row.push_back(std::stod(cell));
    if (row.size() == 10) rows.push_back(row);
  }
  return rows;
}

TEST(ChartConstants, MatchThePublishedTableForN2To10) {
  const auto table = publishedTable();
  ASSERT_EQ(table.size(), 9u);
  for (const auto& row : table) {
    const auto& k = chartConstants(static_cast<int>(row[0]));
    SCOPED_TRACE("n = " + std::to_string(k.n));
    const double computed[] = {k.d2, k.d3, k.c4, k.A2, k.A3, k.D3, k.D4, k.B3, k.B4};
    for (int c = 0; c < 9; ++c) EXPECT_NEAR(computed[c], row[c + 1], 0.5e-4 + 1e-9) << "column " << c + 1;
  }
}

TEST(ChartConstants, MatchClosedFormsForSmallN) {
  // n = 2: R = |X1 − X2| with X1 − X2 ~ N(0, 2): E R = 2/√π, E R² = 2.
  EXPECT_NEAR(d2(2), 2.0 / std::sqrt(std::numbers::pi), 1e-11);
  EXPECT_NEAR(d3(2), std::sqrt(2.0 - 4.0 / std::numbers::pi), 1e-10);
  // n = 3: E R = 3/√π (Tippett 1925).
  EXPECT_NEAR(d2(3), 3.0 / std::sqrt(std::numbers::pi), 1e-11);
  EXPECT_NEAR(c4(2), std::sqrt(2.0 / std::numbers::pi), 1e-14);
  // c4(3) = √(2/2)·Γ(3/2)/Γ(1) = √π/2.
  EXPECT_NEAR(c4(3), std::sqrt(std::numbers::pi) / 2.0, 1e-14);
}

TEST(ChartConstants, LargeSubgroupsMatchMontgomeryAppendixVI) {
  // Montgomery, Introduction to SQC, Appendix VI, n = 25: d2 3.931, d3 0.708, c4 0.9896.
  const auto& k = chartConstants(25);
  EXPECT_NEAR(k.d2, 3.931, 0.5e-3);
  EXPECT_NEAR(k.d3, 0.708, 0.5e-3);
  EXPECT_NEAR(k.c4, 0.9896, 0.5e-4);
  // Asymptotic expansion c4 = 1 − 1/(4n) − 7/(32n²) + O(n⁻³).
  EXPECT_NEAR(c4(400), 1.0 - 1.0 / 1600.0 - 7.0 / (32.0 * 400 * 400), 1e-8);
  // The range of n normals keeps growing: d2 is increasing in n.
  EXPECT_GT(d2(200), d2(100));
}

TEST(ChartConstants, MedianMovingRangeFactorIsTheMedianOfTheRangeOfTwo) {
  // Montgomery §6.4 uses 0.954 for median(MR)/σ.
  EXPECT_NEAR(medianMovingRangeFactor(), 0.954, 0.5e-3);
  EXPECT_NEAR(medianMovingRangeFactor(), std::sqrt(2.0) * 0.6744897501960817, 1e-12);
}

TEST(ChartConstants, RefuseSubgroupsOfOne) {
  EXPECT_THROW(chartConstants(1), Error);
  EXPECT_THROW(c4(0), Error);
  EXPECT_THROW(d2(-3), Error);
}

TEST(ChartConstants, CachedEntryIsStable) {
  const auto* first = &chartConstants(7);
  EXPECT_EQ(first, &chartConstants(7));
  ConstantsCache local;
  EXPECT_EQ(&local(7), first);
}

}  // namespace
}  // namespace fab::spc

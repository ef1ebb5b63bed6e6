#pragma once
// The NIST/SEMATECH e-Handbook furnace case study data (§3.5.1, FURNACE.DAT):
// 21 runs × 4 zones × 2 wafers, film thickness in Å.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fab::test {

struct FurnaceRow {
  int run, zone, wafer;
  double thickness;
};

inline std::string furnacePath() { return FAB_SOURCE_DIR "/../shared/reference/data/FURNACE.DAT"; }

/// The data lines after the dashed line under the column header.
inline std::vector<FurnaceRow> readFurnace() {
  std::ifstream in(furnacePath());
  EXPECT_TRUE(in) << furnacePath();
  std::vector<FurnaceRow> rows;
  bool data = false;
  for (std::string line; std::getline(in, line);) {
    if (!data) {
      data = line.rfind("-----", 0) == 0;
      continue;
    }
    std::istringstream s(line);
    FurnaceRow r{};
    if (s >> r.run >> r.zone >> r.wafer >> r.thickness) rows.push_back(r);
  }
  return rows;
}

}  // namespace fab::test

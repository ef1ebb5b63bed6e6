#pragma once
// Seeded die sort maps with known Y0, D0 and α, for the window-method tests.
//
// Each wafer is a square grid cut into square regions. In each region the
// defect density D is drawn from a gamma distribution of mean D0 and shape α
// (Stapper's negative binomial model); a die of area A fails with probability
// 1 − e^(−AD). With probability 1 − Y0 a region suffers a gross loss and all
// its dies fail. Blocks never straddle regions when the region side is a
// multiple of the block sides, so a block of m dies has yield exactly
// Y0 · (1 + m·A·D0/α)^(−α).
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/yield/sort_wafer.h"

namespace fab::test {

struct SimulationSpec {
  int wafers = 100;
  int gridSide = 36;    ///< dies per side of a wafer
  int regionSide = 12;  ///< dies per side of a region of constant D
  double area = 0.5;    ///< cm²
  double d0 = 0.4;      ///< cm⁻²
  double alpha = 1.5;   ///< +inf for Poisson (D constant)
  double y0 = 1.0;
  unsigned seed = 1;
};

inline std::vector<yield::SortWafer> simulateWafers(const SimulationSpec& s) {
  std::mt19937_64 rng(s.seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<yield::SortWafer> wafers;
  const int regions = s.gridSide / s.regionSide;
  std::size_t row = 0;
  for (int w = 0; w < s.wafers; ++w) {
    yield::SortWafer wafer;
    wafer.lot = "SIM";
    wafer.wafer = std::to_string(w + 1);
    std::vector<double> density(regions * regions, s.d0);
    std::vector<bool> gross(regions * regions, false);
    for (int r = 0; r < regions * regions; ++r) {
      if (std::isfinite(s.alpha)) density[r] = std::gamma_distribution<double>(s.alpha, s.d0 / s.alpha)(rng);
      gross[r] = u(rng) >= s.y0;
    }
    for (int y = 0; y < s.gridSide; ++y)
      for (int x = 0; x < s.gridSide; ++x) {
        const int r = (y / s.regionSide) * regions + x / s.regionSide;
        const bool defective = u(rng) < -std::expm1(-s.area * density[r]);
        yield::SortDie d;
        d.x = x - s.gridSide / 2;  // a centred grid: negative indexes as on a real map
        d.y = y - s.gridSide / 2;
        d.pass = !gross[r] && !defective;
        d.bin = d.pass ? 1 : (gross[r] ? 7 : 5);
        d.row = row++;
        wafer.dies.push_back(d);
      }
    wafers.push_back(std::move(wafer));
  }
  return wafers;
}

}  // namespace fab::test

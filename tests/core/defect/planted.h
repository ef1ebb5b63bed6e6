#pragma once
// Seeded generators of defect patterns with known labels, for the clustering tests.
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "core/defect/point.h"

namespace fab::defect::test {

struct Planted {
  std::vector<Point2> points;
  std::vector<int> labels;  ///< true cluster; -1 for background
};

/// `perCluster` points around each centre (isotropic normal, sd `sigma`).
inline Planted blobs(const std::vector<Point2>& centres, int perCluster, double sigma, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  Planted out;
  for (std::size_t c = 0; c < centres.size(); ++c)
    for (int i = 0; i < perCluster; ++i) {
      out.points.push_back({centres[c].x + sigma * z(rng), centres[c].y + sigma * z(rng)});
      out.labels.push_back(static_cast<int>(c));
    }
  return out;
}

/// `n` points uniform on the disc of radius r, labelled -1, appended.
inline void addUniformDisc(Planted& p, int n, double r, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < n; ++i) {
    const double rr = r * std::sqrt(u(rng)), t = 2 * std::numbers::pi * u(rng);
    p.points.push_back({rr * std::cos(t), rr * std::sin(t)});
    p.labels.push_back(-1);
  }
}

}  // namespace fab::defect::test

#include "core/defect/kde.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/common/error.h"
#include "core/defect/cluster_agreement.h"
#include "core/defect/kde_clusters.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

double directSum(const std::vector<Point2>& pts, Bandwidth h, Point2 q) {
  double s = 0;
  for (const auto& p : pts) {
    const double u = (q.x - p.x) / h.x, v = (q.y - p.y) / h.y;
    s += std::exp(-0.5 * (u * u + v * v)) / (2 * std::numbers::pi * h.x * h.y);
  }
  return s / static_cast<double>(pts.size());
}

TEST(Kde, GridAgreesWithTheDirectSum) {
  const auto p = test::blobs({{-30000, 10000}, {40000, -20000}}, 150, 12000, 2);
  KdeOptions o;
  o.gridSize = 201;
  const KdeGrid g = kdeOnGrid(p.points, o);
  double maxDensity = 0, maxError = 0;
  for (int j = 0; j < g.ny; j += 5)
    for (int i = 0; i < g.nx; i += 5) {
      const double exact = directSum(p.points, g.bandwidth, g.node(i, j));
      maxDensity = std::max(maxDensity, exact);
      maxError = std::max(maxError, std::abs(exact - g.density[static_cast<std::size_t>(j) * g.nx + i]));
    }
  EXPECT_LT(maxError, 0.01 * maxDensity);
  // kdeDirect is the same sum.
  const std::vector<Point2> q = {{0, 0}, {-30000, 10000}, {1e6, 0}};
  const auto d = kdeDirect(p.points, g.bandwidth, q);
  for (std::size_t k = 0; k < q.size(); ++k) EXPECT_NEAR(d[k], directSum(p.points, g.bandwidth, q[k]), 1e-15);
}

TEST(Kde, BandwidthRules) {
  const auto p = test::blobs({{0, 0}}, 500, 1000, 9);
  double mx = 0, my = 0;
  for (const auto& q : p.points) {
    mx += q.x;
    my += q.y;
  }
  mx /= 500;
  my /= 500;
  double vx = 0, vy = 0;
  for (const auto& q : p.points) {
    vx += (q.x - mx) * (q.x - mx);
    vy += (q.y - my) * (q.y - my);
  }
  const double f = std::pow(500.0, -1.0 / 6.0);
  const Bandwidth scott = bandwidthFor(p.points, BandwidthRule::Scott);
  EXPECT_NEAR(scott.x, std::sqrt(vx / 499) * f, 1e-9);
  EXPECT_NEAR(scott.y, std::sqrt(vy / 499) * f, 1e-9);
  // Silverman with a heavy outlier: the IQR keeps the bandwidth near the bulk's.
  auto q = p.points;
  q.push_back({1e7, 1e7});
  const Bandwidth silverman = bandwidthFor(q, BandwidthRule::Silverman);
  const Bandwidth scottOut = bandwidthFor(q, BandwidthRule::Scott);
  EXPECT_LT(silverman.x, scottOut.x / 10);
  EXPECT_NEAR(silverman.x, 1000 * std::pow(501.0, -1.0 / 6.0), 150);
}

// For an isotropic kernel centred on a disc of radius R = 2h the mass inside is
// P(chi²_2 <= 4) = 1 − e^(−2); at the edge of a huge disc it is one half.
TEST(Kde, KernelMassInDiscClosedForms) {
  EXPECT_NEAR(kernelMassInDisc({0, 0}, {1000, 1000}, 2000), 1 - std::exp(-2.0), 1e-8);
  EXPECT_NEAR(kernelMassInDisc({1e7, 0}, {100, 100}, 1e7), 0.5, 1e-4);
  EXPECT_NEAR(kernelMassInDisc({0, 0}, {100, 100}, 1e6), 1.0, 1e-10);
}

TEST(Kde, EdgeCorrectionKeepsTheEdgeAtItsDensity) {
  test::Planted p;
  const double r = 150000;
  test::addUniformDisc(p, 20000, r, 6);
  KdeOptions o;
  o.rule = BandwidthRule::Given;
  o.bandwidth = 10000;
  o.waferRadius = r;
  const KdeGrid corrected = kdeOnGrid(p.points, o);
  o.edge = EdgeCorrection::None;
  const KdeGrid raw = kdeOnGrid(p.points, o);
  double sumC = 0, sumR = 0;
  int count = 0;
  for (int j = 0; j < corrected.ny; ++j)
    for (int i = 0; i < corrected.nx; ++i) {
      const Point2 q = corrected.node(i, j);
      const double rr = std::hypot(q.x, q.y);
      if (rr < 0.92 * r || rr > 0.99 * r) continue;
      sumC += corrected.density[static_cast<std::size_t>(j) * corrected.nx + i];
      sumR += raw.density[static_cast<std::size_t>(j) * raw.nx + i];
      ++count;
    }
  const double background = corrected.background();
  EXPECT_NEAR(sumC / count / background, 1.0, 0.05);
  EXPECT_LT(sumR / count / background, 0.85);
  // The grid's corrected values agree with the exact corrected sum at a few nodes.
  const std::vector<Point2> q = {{0.97 * r, 0}, {0, -0.95 * r}, {0.5 * r, 0.5 * r}};
  const auto exact = kdeDirect(p.points, corrected.bandwidth, q, r, EdgeCorrection::Renormalise);
  for (std::size_t k = 0; k < q.size(); ++k) EXPECT_NEAR(corrected.at(q[k]), exact[k], 0.03 * exact[k]);
}

TEST(Kde, LevelSetClustersFindDenseSpotsAndLeaveTheBackground) {
  auto p = test::blobs({{-60000, 40000}, {50000, -30000}}, 200, 5000, 12);
  test::addUniformDisc(p, 300, 150000, 13);
  KdeClusterOptions o;
  o.kde.waferRadius = 150000;
  o.kde.rule = BandwidthRule::Given;
  o.kde.bandwidth = 6000;
  o.threshold = 3;
  const auto c = kdeClusters(p.points, o);
  ASSERT_EQ(c.sizes.size(), 2u);
  EXPECT_GE(adjustedRandIndex(p.labels, c.labels), 0.8);
  EXPECT_GT(c.noise, 200u);
  for (std::size_t k = 0; k < c.peaks.size(); ++k) EXPECT_GT(c.peakDensity[k], c.level);
}

TEST(Kde, DegenerateInputs) {
  EXPECT_THROW(bandwidthFor(std::vector<Point2>{{1, 1}}, BandwidthRule::Scott), Error);
  EXPECT_THROW(bandwidthFor(std::vector<Point2>{{1, 1}, {1, 1}}, BandwidthRule::Scott), Error);
  const Bandwidth line = bandwidthFor(std::vector<Point2>{{0, 1}, {2, 1}, {4, 1}}, BandwidthRule::Scott);
  EXPECT_EQ(line.x, line.y);  // no spread in y: the x spread is used
  KdeOptions o;
  o.rule = BandwidthRule::Given;
  o.bandwidth = 5;
  const KdeGrid one = kdeOnGrid(std::vector<Point2>{{0, 0}}, o);
  EXPECT_NEAR(one.at({0, 0}), 1 / (2 * std::numbers::pi * 25), 1e-3 / (2 * std::numbers::pi * 25));
  EXPECT_THROW(kdeOnGrid(std::vector<Point2>{}, o), Error);
  o.bandwidth = -1;
  EXPECT_THROW(kdeOnGrid(std::vector<Point2>{{0, 0}}, o), Error);
}

}  // namespace
}  // namespace fab::defect

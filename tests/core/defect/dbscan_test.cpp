#include "core/defect/dbscan.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "core/common/error.h"
#include "core/defect/cluster_agreement.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

/// Brute-force DBSCAN: O(n²) neighbourhoods, the same definitions.
struct Brute {
  std::vector<bool> core;
  std::vector<int> labels;
};
Brute bruteDbscan(const std::vector<Point2>& pts, double eps, int minPts) {
  const std::size_t n = pts.size();
  std::vector<std::vector<std::size_t>> nb(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (squaredDistance(pts[i], pts[j]) <= eps * eps) nb[i].push_back(j);
  Brute b{std::vector<bool>(n), std::vector<int>(n, -1)};
  for (std::size_t i = 0; i < n; ++i) b.core[i] = nb[i].size() >= static_cast<std::size_t>(minPts);
  int c = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!b.core[i] || b.labels[i] >= 0) continue;
    std::vector<std::size_t> todo{i};
    b.labels[i] = c;
    while (!todo.empty()) {
      const auto p = todo.back();
      todo.pop_back();
      for (auto q : nb[p])
        if (b.labels[q] < 0) {
          b.labels[q] = c;
          if (b.core[q]) todo.push_back(q);
        }
    }
    ++c;
  }
  return b;
}

TEST(Dbscan, MatchesBruteForce) {
  auto p = test::blobs({{0, 0}, {30, 5}, {12, 25}}, 60, 4.0, 31);
  test::addUniformDisc(p, 150, 60, 32);
  for (double eps : {2.0, 3.5, 6.0})
    for (int minPts : {1, 4, 8}) {
      DbscanOptions o;
      o.eps = eps;
      o.minPoints = minPts;
      const auto r = dbscan(p.points, o);
      const auto b = bruteDbscan(p.points, eps, minPts);
      ASSERT_EQ(r.core, b.core) << eps << " " << minPts;
      // Noise is the same set; core points form the same partition; a border
      // point's cluster has a core point within eps (a border point reachable
      // from two clusters may go to either).
      std::vector<int> coreA, coreB;
      for (std::size_t i = 0; i < p.points.size(); ++i) {
        EXPECT_EQ(r.labels[i] < 0, b.labels[i] < 0) << i;
        if (r.core[i]) {
          coreA.push_back(r.labels[i]);
          coreB.push_back(b.labels[i]);
        } else if (r.labels[i] >= 0) {
          bool reached = false;
          for (std::size_t j = 0; j < p.points.size(); ++j)
            reached |=
                r.core[j] && r.labels[j] == r.labels[i] && squaredDistance(p.points[i], p.points[j]) <= eps * eps;
          EXPECT_TRUE(reached) << i;
        }
      }
      EXPECT_DOUBLE_EQ(adjustedRandIndex(coreA, coreB), 1.0);
      std::size_t noise = 0;
      for (int l : b.labels) noise += l < 0;
      EXPECT_EQ(r.noise, noise);
    }
}

TEST(Dbscan, PlantedClustersOverRandomBackground) {
  auto p = test::blobs({{-50000, 30000}, {40000, 60000}, {20000, -70000}}, 150, 3000, 41);
  test::addUniformDisc(p, 400, 150000, 42);
  DbscanOptions o;
  o.minPoints = 6;
  o.area = std::acos(-1.0) * 150000.0 * 150000.0;
  const auto r = dbscan(p.points, o);  // eps suggested from the density
  EXPECT_TRUE(r.epsSuggested);
  EXPECT_EQ(r.sizes.size(), 3u);
  const double ari = adjustedRandIndex(p.labels, r.labels);
  ::testing::Test::RecordProperty("adjusted_rand_index", std::to_string(ari));
  EXPECT_GE(ari, 0.9);
  EXPECT_GE(r.noise, 350u);
}

// The suggested eps makes a background point core with probability 1 %:
// P(Poisson(λπeps²) >= m − 1) = 0.01, checked by summing the Poisson pmf.
TEST(Dbscan, SuggestedEpsByThePoissonTail) {
  const double area = 1e10;
  const std::size_t n = 500;
  const int minPts = 5;
  const double eps = suggestEps(n, area, minPts);
  const double mu = n / area * std::acos(-1.0) * eps * eps;
  double below = 0, term = std::exp(-mu);
  for (int k = 0; k < minPts - 1; ++k) {
    below += term;
    term *= mu / (k + 1);
  }
  EXPECT_NEAR(1 - below, 0.01, 1e-10);
  EXPECT_THROW(suggestEps(0, area, 5), Error);
}

TEST(Dbscan, DegenerateInputs) {
  EXPECT_TRUE(dbscan(std::vector<Point2>{}).labels.empty());
  DbscanOptions o;
  o.eps = 1;
  o.minPoints = 2;
  const auto one = dbscan(std::vector<Point2>{{0, 0}}, o);
  EXPECT_EQ(one.labels, std::vector<int>{-1});
  EXPECT_EQ(one.noise, 1u);
  o.minPoints = 0;
  EXPECT_THROW(dbscan(std::vector<Point2>{{0, 0}}, o), Error);
  o.minPoints = 2;
  EXPECT_THROW(dbscan(std::vector<Point2>{{0, std::nan("")}}, o), Error);
  o.eps = 0;  // nothing to suggest from coinciding points
  EXPECT_THROW(dbscan(std::vector<Point2>{{1, 1}, {1, 1}}, o), Error);
}

}  // namespace
}  // namespace fab::defect

#include "core/defect/kmeans.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/defect/cluster_agreement.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

/// Plain Lloyd iterations (every distance computed), the reference for Hamerly's bounds.
std::vector<int> naiveLloyd(const std::vector<Point2>& pts, std::vector<Point2> c) {
  std::vector<int> labels(pts.size(), -1);
  for (int iter = 0; iter < 1000; ++iter) {
    bool changed = false;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      int best = 0;
      for (int j = 1; j < static_cast<int>(c.size()); ++j)
        if (squaredDistance(pts[i], c[j]) < squaredDistance(pts[i], c[best])) best = j;
      changed |= best != labels[i];
      labels[i] = best;
    }
    if (!changed) break;
    std::vector<double> sx(c.size()), sy(c.size()), n(c.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
      sx[labels[i]] += pts[i].x;
      sy[labels[i]] += pts[i].y;
      n[labels[i]] += 1;
    }
    for (std::size_t j = 0; j < c.size(); ++j)
      if (n[j]) c[j] = {sx[j] / n[j], sy[j] / n[j]};
  }
  return labels;
}

TEST(KMeans, RecoversPlantedClusters) {
  const auto planted = test::blobs({{-60000, -40000}, {50000, -50000}, {0, 60000}, {70000, 30000}}, 400, 6000, 11);
  KMeansOptions o;
  o.k = 4;
  o.seed = 5;
  const auto r = kMeans(planted.points, o);
  const double ari = adjustedRandIndex(planted.labels, r.labels);
  ::testing::Test::RecordProperty("adjusted_rand_index", std::to_string(ari));
  EXPECT_GE(ari, 0.99);
  EXPECT_TRUE(r.converged);
  ASSERT_EQ(r.sizes.size(), 4u);
  std::size_t total = 0;
  for (auto s : r.sizes) total += s;
  EXPECT_EQ(total, planted.points.size());
}

TEST(KMeans, HamerlyBoundsGiveLloydsAnswer) {
  auto planted = test::blobs({{0, 0}, {10, 0}, {5, 8}, {-6, 7}, {3, -9}}, 300, 4.0, 21);  // overlapping blobs
  KMeansOptions o;
  o.k = 5;
  o.restarts = 1;
  o.tolerance = 0;
  o.seed = 99;
  o.threads = 2;
  std::mt19937_64 rng(o.seed);
  const auto seeds = kMeansPlusPlus(planted.points, o.k, rng, 0, o.threads);
  const auto expected = naiveLloyd(planted.points, seeds);
  const auto r = kMeans(planted.points, o);
  EXPECT_EQ(r.labels, expected);
  // Each centroid is the mean of its points, and the inertia is recomputed exactly.
  std::vector<double> sx(5), sy(5), n(5);
  double inertia = 0;
  for (std::size_t i = 0; i < planted.points.size(); ++i) {
    sx[r.labels[i]] += planted.points[i].x;
    sy[r.labels[i]] += planted.points[i].y;
    n[r.labels[i]] += 1;
    inertia += squaredDistance(planted.points[i], r.centroids[r.labels[i]]);
  }
  for (int j = 0; j < 5; ++j) {
    EXPECT_NEAR(r.centroids[j].x, sx[j] / n[j], 1e-9);
    EXPECT_NEAR(r.centroids[j].y, sy[j] / n[j], 1e-9);
  }
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
}

TEST(KMeans, SameSeedSameAnswerAndRestartsKeepTheBest) {
  const auto planted = test::blobs({{0, 0}, {10, 0}, {5, 8}}, 200, 3.0, 3);
  KMeansOptions o;
  o.k = 6;
  o.restarts = 4;
  o.seed = 17;
  const auto a = kMeans(planted.points, o), b = kMeans(planted.points, o);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.inertia, b.inertia);
  ASSERT_EQ(a.restartInertia.size(), 4u);
  for (double v : a.restartInertia) EXPECT_LE(a.inertia, v);
  EXPECT_EQ(a.inertia, a.restartInertia[a.bestRestart]);
}

TEST(KMeans, OneClusterIsTheMean) {
  const std::vector<Point2> pts = {{1, 2}, {3, 4}, {5, 9}};
  KMeansOptions o;
  o.k = 1;
  const auto r = kMeans(pts, o);
  EXPECT_NEAR(r.centroids[0].x, 3, 1e-12);
  EXPECT_NEAR(r.centroids[0].y, 5, 1e-12);
  EXPECT_NEAR(r.inertia, 4 + 9 + 0 + 1 + 4 + 16, 1e-9);
}

TEST(KMeans, DegenerateInputs) {
  KMeansOptions o;
  o.k = 3;
  EXPECT_THROW(kMeans(std::vector<Point2>{{0, 0}, {1, 1}}, o), Error);
  EXPECT_THROW(kMeans(std::vector<Point2>{{0, 0}, {1, std::nan("")}, {2, 2}}, o), Error);
  o.k = 0;
  EXPECT_THROW(kMeans(std::vector<Point2>{{0, 0}}, o), Error);
  // Fewer distinct positions than clusters: a defined answer and a warning.
  o.k = 3;
  const std::vector<Point2> same(10, Point2{4, 4});
  const auto r = kMeans(same, o);
  EXPECT_EQ(r.inertia, 0);
  EXPECT_FALSE(r.warnings.empty());
  for (int label : r.labels) EXPECT_GE(label, 0);
}

TEST(AdjustedRand, PublishedAndEdgeCases) {
  // scikit-learn's documented example: ARI([0,0,1,1], [0,0,1,2]) = 0.5714…
  EXPECT_NEAR(adjustedRandIndex(std::vector<int>{0, 0, 1, 1}, std::vector<int>{0, 0, 1, 2}), 4.0 / 7.0, 1e-12);
  // Hand computed: index 2, expected 6·3/15 = 1.2, max 4.5 → 0.8/3.3.
  EXPECT_NEAR(adjustedRandIndex(std::vector<int>{0, 0, 0, 1, 1, 1}, std::vector<int>{0, 0, 1, 1, 2, 2}), 0.8 / 3.3,
              1e-12);
  EXPECT_DOUBLE_EQ(adjustedRandIndex(std::vector<int>{3, 3, 7, 7, -1}, std::vector<int>{1, 1, 0, 0, 5}), 1.0);
  EXPECT_DOUBLE_EQ(adjustedRandIndex(std::vector<int>{1, 1, 1}, std::vector<int>{2, 2, 2}), 1.0);
  EXPECT_THROW(adjustedRandIndex(std::vector<int>{1}, std::vector<int>{1, 2}), Error);
}

}  // namespace
}  // namespace fab::defect

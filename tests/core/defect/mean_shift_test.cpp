#include "core/defect/mean_shift.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/defect/cluster_agreement.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

TEST(MeanShift, RecoversPlantedClustersWithBothKernels) {
  const std::vector<Point2> centres = {{-60000, -40000}, {50000, -50000}, {0, 60000}};
  const auto p = test::blobs(centres, 300, 5000, 51);
  for (auto kernel : {MeanShiftKernel::Flat, MeanShiftKernel::Gaussian}) {
    MeanShiftOptions o;
    o.bandwidth = 20000;  // 4 sd: almost every point lies within h of its mode
    o.kernel = kernel;
    const auto r = meanShift(p.points, o);
    ASSERT_EQ(r.modes.size(), 3u);
    const double ari = adjustedRandIndex(p.labels, r.labels);
    ::testing::Test::RecordProperty(kernel == MeanShiftKernel::Flat ? "ari_flat" : "ari_gaussian", std::to_string(ari));
    EXPECT_GE(ari, 0.99);
    for (const auto& c : centres) {
      double best = 1e300;
      for (const auto& m : r.modes) best = std::min(best, std::sqrt(squaredDistance(c, m)));
      EXPECT_LT(best, 1500);  // a mode sits at each planted centre (sd 5000, 300 points)
    }
  }
}

TEST(MeanShift, BinSeedsFindTheModesOfEveryPointSeed) {
  const auto p = test::blobs({{0, 0}, {100, 0}}, 80, 8, 52);
  MeanShiftOptions o;
  o.bandwidth = 25;
  const auto binned = meanShift(p.points, o);
  o.binSeeding = false;
  const auto all = meanShift(p.points, o);
  ASSERT_EQ(binned.modes.size(), all.modes.size());
  EXPECT_DOUBLE_EQ(adjustedRandIndex(binned.labels, all.labels), 1.0);
}

// Flat kernel by hand: a square's corners and centre within h of the centre
// settle on the centre; a far point is its own mode, then dropped by the
// minimum cluster size and labelled noise.
TEST(MeanShift, FlatKernelByHand) {
  const std::vector<Point2> pts = {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}, {0, 0}, {50, 50}};
  MeanShiftOptions o;
  o.bandwidth = 2;
  o.binSeeding = false;
  o.minClusterSize = 2;
  const auto r = meanShift(pts, o);
  ASSERT_EQ(r.modes.size(), 1u);
  EXPECT_NEAR(r.modes[0].x, 0, 1e-9);
  EXPECT_NEAR(r.modes[0].y, 0, 1e-9);
  EXPECT_EQ(r.labels, (std::vector<int>{0, 0, 0, 0, 0, -1}));
  EXPECT_EQ(r.noise, 1u);
}

TEST(MeanShift, DegenerateInputs) {
  EXPECT_TRUE(meanShift(std::vector<Point2>{}).labels.empty());
  MeanShiftOptions o;
  EXPECT_THROW(meanShift(std::vector<Point2>{{1, 1}}, o), Error);  // Scott's rule needs 2 points
  o.bandwidth = 1;
  EXPECT_EQ(meanShift(std::vector<Point2>{{1, 1}}, o).labels, std::vector<int>{0});
  o.bandwidth = -1;
  EXPECT_THROW(meanShift(std::vector<Point2>{{1, 1}}, o), Error);
}

}  // namespace
}  // namespace fab::defect

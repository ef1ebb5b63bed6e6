#include "core/defect/k_selection.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

TEST(KSelection, RandomDefectsHaveNoClusterStructure) {
  test::Planted p;
  test::addUniformDisc(p, 800, 150000, 4);
  KSelectionOptions o;
  o.kMax = 6;
  o.referenceRadius = 150000;
  const auto s = selectK(p.points, o);
  EXPECT_EQ(s.gapK, 1);
  EXPECT_FALSE(s.clusterStructure);
  EXPECT_NE(s.message.find("no cluster structure"), std::string::npos);
  ASSERT_EQ(s.k.size(), 6u);
  EXPECT_TRUE(std::isnan(s.silhouette[0]));
}

TEST(KSelection, PlantedClustersAreCounted) {
  const auto p = test::blobs({{-80000, 0}, {60000, 60000}, {40000, -70000}}, 300, 7000, 8);
  KSelectionOptions o;
  o.kMax = 6;
  o.referenceRadius = 150000;
  const auto s = selectK(p.points, o);
  EXPECT_EQ(s.gapK, 3);
  EXPECT_EQ(s.silhouetteK, 3);
  EXPECT_TRUE(s.clusterStructure);
  EXPECT_EQ(s.sampleSize, 900u);
}

// Silhouette by hand: clusters {0, 1} and {10} on a line: s(0) = 1 − 1/10,
// s(1) = 1 − 1/9, s(10) = 0 (alone) → mean (0.9 + 8/9) / 3.
TEST(KSelection, SilhouetteByHand) {
  const std::vector<Point2> pts = {{0, 0}, {1, 0}, {10, 0}};
  EXPECT_NEAR(meanSilhouette(pts, std::vector<int>{0, 0, 1}), (0.9 + 8.0 / 9.0) / 3.0, 1e-12);
  EXPECT_TRUE(std::isnan(meanSilhouette(pts, std::vector<int>{2, 2, 2})));
}

TEST(KSelection, BadInput) {
  KSelectionOptions o;
  EXPECT_THROW(selectK(std::vector<Point2>{{0, 0}}, o), Error);
  o.kMax = 0;
  EXPECT_THROW(selectK(std::vector<Point2>{{0, 0}, {1, 1}}, o), Error);
}

}  // namespace
}  // namespace fab::defect

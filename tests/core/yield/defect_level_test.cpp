// Williams–Brown defect level against the reference examples
// (tests/reference/README.md, "Yield and KGD") and its inverse.
#include "core/yield/defect_level.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::yield {
namespace {

TEST(DefectLevelTest, WilliamsBrownReferenceExamples) {
  // Y = 0.9, T = 0.95 → DL = 0.0052542; Y = 0.5, T = 0.99 → 0.0069075 (published to 5 digits).
  EXPECT_NEAR(defectLevel(0.9, 0.95), 0.0052542, 5e-8);
  EXPECT_NEAR(defectLevel(0.5, 0.99), 0.0069075, 5e-8);
  EXPECT_NEAR(toPpm(defectLevel(0.9, 0.95)), 5254.2, 0.05);
  EXPECT_NEAR(dieQuality(0.9, 0.95), 1.0 - 0.0052542, 5e-8);
}

TEST(DefectLevelTest, Limits) {
  EXPECT_EQ(defectLevel(0.7, 1.0), 0.0);           // full coverage ships no bad die
  EXPECT_NEAR(defectLevel(0.7, 0.0), 0.3, 1e-15);  // no test ships the yield loss
  EXPECT_EQ(defectLevel(1.0, 0.3), 0.0);           // a perfect lot
  // No cancellation for tiny losses: Y = 1 − 2⁻⁴⁰ (exact in binary), T = 0.5 → DL ≈ 2⁻⁴¹.
  const double tiny = std::ldexp(1.0, -40);
  EXPECT_NEAR(defectLevel(1.0 - tiny, 0.5), 0.5 * tiny, 1e-10 * tiny);
}

TEST(DefectLevelTest, CoverageForATargetRoundTrips) {
  for (double y : {0.3, 0.9, 0.99})
    for (double t : {0.0, 0.5, 0.9, 0.999}) {
      const double dl = defectLevel(y, t);
      EXPECT_NEAR(coverageForDefectLevel(y, dl), t, 1e-12) << "Y " << y << " T " << t;
    }
  // 100 ppm at Y = 0.9: T = 1 − ln(1 − 1e-4)/ln 0.9.
  EXPECT_NEAR(coverageForDefectLevel(0.9, fromPpm(100)), 1.0 - std::log1p(-1e-4) / std::log(0.9), 1e-15);
}

TEST(DefectLevelTest, CoverageAtTheEdges) {
  EXPECT_EQ(coverageForDefectLevel(0.9, 0.2), 0.0);  // untested dies already ship at 10 % < 20 %
  EXPECT_EQ(coverageForDefectLevel(0.9, 0.0), 1.0);  // zero escapes need full coverage
  EXPECT_EQ(coverageForDefectLevel(1.0, 0.0), 0.0);  // nothing to screen
}

TEST(DefectLevelTest, RefusesOutOfRangeInput) {
  EXPECT_THROW(defectLevel(0.0, 0.5), Error);
  EXPECT_THROW(defectLevel(1.1, 0.5), Error);
  EXPECT_THROW(defectLevel(0.9, 1.5), Error);
  EXPECT_THROW(defectLevel(0.9, std::nan("")), Error);
  EXPECT_THROW(coverageForDefectLevel(0.9, 1.0), Error);
  EXPECT_THROW(coverageForDefectLevel(0.9, -1e-6), Error);
}

}  // namespace
}  // namespace fab::yield

// A wafer without SampleCenterLocation is placed from its SampleTestPlan's
// dies' centroid (core/defect/klarf_wafer_checks.h): checked against real files
// that do give the centre, with their SampleCenterLocation taken out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/defect/klarf.h"
#include "tests/core/defect/klarf_samples.h"

namespace fab::defect {
namespace {

std::string withoutCentre(const std::string& name, std::string* centreLine) {
  std::ifstream in(FAB_SOURCE_DIR "/../shared/reference/real/klarf/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string t = s.str();
  const auto at = t.find("SampleCenterLocation");
  EXPECT_NE(at, std::string::npos);
  const auto end = t.find('\n', at);
  *centreLine = t.substr(at, end - at);
  return t.erase(at, end + 1 - at);
}

class DerivedCentre : public ::testing::TestWithParam<const char*> {};

TEST_P(DerivedCentre, LiesWithinHalfADieOfTheFilesCentre) {
  std::string line;
  const KlarfFile given = readKlarf(FAB_SOURCE_DIR "/../shared/reference/real/klarf/" + std::string(GetParam()));
  const KlarfFile derived = parseKlarf(withoutCentre(GetParam(), &line), GetParam());
  const auto& a = given.wafers[0].placement;
  const auto& b = derived.wafers[0].placement;
  EXPECT_FALSE(derived.wafers[0].hasSampleCentre);
  EXPECT_LE(std::abs(a.sampleCentreXUm - b.sampleCentreXUm), a.pitchXUm / 2) << line;
  EXPECT_LE(std::abs(a.sampleCentreYUm - b.sampleCentreYUm), a.pitchYUm / 2) << line;
  ASSERT_EQ(derived.notes.size(), given.notes.size() + 1);
  EXPECT_THAT(derived.notes.front(), ::testing::HasSubstr("has no SampleCenterLocation: its centre is taken as the "
                                                          "centroid of its SampleTestPlan's"));
  EXPECT_EQ(derived.wafers[0].defects.size(), given.wafers[0].defects.size());
}

// Full-wafer plans: ComPlus 3T (4988 dies, 200 mm), ATI WIND (784 dies, 300 mm).
INSTANTIATE_TEST_SUITE_P(RealFiles, DerivedCentre,
                         ::testing::Values("klarfkit/CPS3TwithoutReview.001", "KlarfReviewTool/Klarf_Format.001"));

TEST(DerivedCentreFormula, CentroidOfThePlanLessTheDieOrigin) {
  // Plan dies (15, 18) and (16, 19), pitch 10000 x 8000, DieOrigin (50, -25):
  // x = (15.5 + ½)·10000 − 50 = 159950; y = (18.5 + ½)·8000 + 25 = 152025.
  std::string t = samples::kTwoWafers;
  const std::string centre = "SampleCenterLocation 1.5e+05 1.5e+05;\n";
  t.erase(t.find(centre), centre.size());
  t.insert(t.find("InspectionTest 1;\nDefectRecordSpec"), "SampleTestPlan 2 15 18 16 19;\n");
  const KlarfFile f = parseKlarf(t);
  EXPECT_DOUBLE_EQ(f.wafers[1].placement.sampleCentreXUm, 159950);
  EXPECT_DOUBLE_EQ(f.wafers[1].placement.sampleCentreYUm, 152025);
}

}  // namespace
}  // namespace fab::defect

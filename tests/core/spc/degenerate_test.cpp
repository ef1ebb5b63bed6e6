// Degenerate data gives a clear message, never NaN limits: one value, one
// subgroup, zero variance, all NaN, no defects, bad options.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

using ::testing::HasSubstr;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string variablesError(const std::vector<double>& v, ChartType type, std::size_t size = 0,
                           ChartOptions o = ChartOptions{}) {
  o.type = type;
  try {
    if (size) {
      const auto g = subgroupsOfSize(v.size(), size);
      computeVariablesChart(v, &g, o);
    } else {
      computeVariablesChart(v, nullptr, o);
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Degenerate, SingleValue) {
  EXPECT_THAT(variablesError({5.0}, ChartType::IndividualsMR), HasSubstr("has 1 usable values"));
}

TEST(Degenerate, OneSubgroup) {
  EXPECT_THAT(variablesError({1, 2, 3, 4, 5}, ChartType::XbarR, 5), HasSubstr("has 1 usable subgroups"));
}

TEST(Degenerate, ZeroVariance) {
  EXPECT_THAT(variablesError(std::vector<double>(10, 4.2), ChartType::IndividualsMR), HasSubstr("is zero"));
  EXPECT_THAT(variablesError(std::vector<double>(10, 4.2), ChartType::XbarS, 5), HasSubstr("is zero"));
  EXPECT_THAT(variablesError(std::vector<double>(10, 4.2), ChartType::Ewma), HasSubstr("supply a known σ"));
}

TEST(Degenerate, AllNaN) {
  EXPECT_THAT(variablesError(std::vector<double>(6, kNaN), ChartType::IndividualsMR), HasSubstr("0 usable"));
  EXPECT_THAT(variablesError(std::vector<double>(6, kNaN), ChartType::XbarR, 3), HasSubstr("0 usable"));
}

TEST(Degenerate, NoData) { EXPECT_THAT(variablesError({}, ChartType::IndividualsMR), HasSubstr("no data")); }

TEST(Degenerate, NoConsecutiveValuesForAMovingRange) {
  EXPECT_THAT(variablesError({1, kNaN, 2, kNaN, 3}, ChartType::IndividualsMR), HasSubstr("moving range"));
}

TEST(Degenerate, KnownSigmaRescuesZeroVariance) {
  ChartOptions o;
  o.knownSigma = 0.1;
  EXPECT_EQ(variablesError(std::vector<double>(10, 4.2), ChartType::IndividualsMR, 0, o), "");
}

TEST(Degenerate, NoDefectsGivesAClearMessage) {
  ChartOptions o;
  o.type = ChartType::P;
  try {
    computeAttributeChart(std::vector<double>(5, 0.0), std::vector<double>(5, 50.0), nullptr, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no defects"));
  }
  o.type = ChartType::C;
  EXPECT_THROW(computeAttributeChart(std::vector<double>(5, 0.0), {}, nullptr, o), Error);
  o.type = ChartType::P;
  EXPECT_THROW(computeAttributeChart(std::vector<double>(5, 50.0), std::vector<double>(5, 50.0), nullptr, o), Error);
  o.type = ChartType::LaneyP;
  // Equal fractions everywhere: σz = 0.
  EXPECT_THROW(computeAttributeChart(std::vector<double>(5, 5.0), std::vector<double>(5, 50.0), nullptr, o), Error);
}

TEST(Degenerate, OptionsAreValidatedUpFront) {
  ChartOptions o;
  o.lambda = 0;
  EXPECT_THAT(variablesError({1, 2, 3}, ChartType::Ewma, 0, o), HasSubstr("λ"));
  o = {};
  o.L = -1;
  EXPECT_THAT(variablesError({1, 2, 3}, ChartType::IndividualsMR, 0, o), HasSubstr("L"));
  o = {};
  o.knownSigma = 0;
  EXPECT_THAT(variablesError({1, 2, 3}, ChartType::IndividualsMR, 0, o), HasSubstr("known σ"));
  o = {};
  o.headStart = 1.5;
  EXPECT_THAT(variablesError({1, 2, 3}, ChartType::Cusum, 0, o), HasSubstr("head start"));
  EXPECT_THAT(variablesError({1, 2, 3}, ChartType::P), HasSubstr("attribute chart"));
  EXPECT_THAT(variablesError({1, 2, 3, 4}, ChartType::IndividualsMR, 2), HasSubstr("individual values"));
  EXPECT_THROW(parseChartType("bogus"), Error);
  EXPECT_EQ(parseChartType("XBAR-R"), ChartType::XbarR);
  EXPECT_STREQ(chartName(ChartType::LaneyU), "laney-u");
}

}  // namespace
}  // namespace fab::spc

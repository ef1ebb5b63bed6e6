// Package yield and cost: the reference KGD table, K-out-of-N and the scrapped
// good dies against direct enumeration of every good/bad pattern.
#include "core/yield/package_yield.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/common/error.h"

namespace fab::yield {
namespace {

TEST(PackageYieldTest, ReferenceTableForFourAndEightDies) {
  // Die quality → package yield (%) for 4 / 8 dies, published to 0.1 %.
  struct Row {
    double q, four, eight;
  };
  for (const auto& r : {Row{0.995, 98.0, 96.1}, Row{0.99, 96.1, 92.3}, Row{0.98, 92.2, 85.1}, Row{0.95, 81.5, 66.3},
                        Row{0.90, 65.6, 43.0}}) {
    const auto table = packageYieldByDieCount(r.q, 8);
    ASSERT_EQ(table.size(), 8u);
    EXPECT_NEAR(100.0 * table[3], r.four, 0.05) << r.q;
    EXPECT_NEAR(100.0 * table[7], r.eight, 0.05) << r.q;
  }
  EXPECT_NEAR(packageYieldByDieCount(0.99, 4, 0.98)[3], std::pow(0.99, 4) * 0.98, 1e-15);
}

/// All 2^n good/bad patterns of n dies of quality q.
template <typename F>
void forEachPattern(int n, double q, F visit) {
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    int good = 0;
    double p = 1.0;
    for (int i = 0; i < n; ++i) {
      const bool g = (mask >> i) & 1u;
      good += g;
      p *= g ? q : 1.0 - q;
    }
    visit(good, p);
  }
}

TEST(PackageYieldTest, KOutOfNMatchesEnumeration) {
  for (int n : {1, 2, 5, 8, 12})
    for (int k = 0; k <= n; ++k)
      for (double q : {0.5, 0.9, 0.99}) {
        double direct = 0.0;
        forEachPattern(n, q, [&](int good, double p) {
          if (good >= k) direct += p;
        });
        EXPECT_NEAR(atLeastKOfN(q, k, n), direct, 1e-13) << "k " << k << " n " << n << " q " << q;
      }
  EXPECT_EQ(atLeastKOfN(0.0, 1, 3), 0.0);
  EXPECT_EQ(atLeastKOfN(1.0, 3, 3), 1.0);
  EXPECT_THROW(atLeastKOfN(0.9, 4, 3), Error);
  EXPECT_THROW(atLeastKOfN(1.2, 1, 3), Error);
}

TEST(PackageYieldTest, SparesRaiseTheYield) {
  // An 8-high stack needing 8 good dies of quality 0.98, built with 0..2 spares.
  const auto s = sparesEffect(0.98, 8, 2, 0.99);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s[0].yield, std::pow(0.98, 8) * 0.99, 1e-14);
  EXPECT_NEAR(s[1].yield, (std::pow(0.98, 9) + 9 * std::pow(0.98, 8) * 0.02) * 0.99, 1e-14);
  EXPECT_EQ(s[2].dies, 10);
  EXPECT_LT(s[0].yield, s[1].yield);
  EXPECT_LT(s[1].yield, s[2].yield);
}

TEST(PackageYieldTest, MixedDieTypesMultiplyWithAssembly) {
  PackageSpec spec;
  spec.groups = {{"cpu", 0.995, 1, -1, 200.0}, {"io", 0.999, 2, -1, 20.0}, {"hbm", 0.99, 4, -1, 50.0}};
  spec.assemblyYield = 0.97;
  spec.assemblyCost = 30.0;
  const auto out = evaluatePackage(spec);
  const double y = 0.995 * 0.999 * 0.999 * std::pow(0.99, 4) * 0.97;
  EXPECT_NEAR(out.yield, y, 1e-15);
  const double built = 200.0 + 2 * 20.0 + 4 * 50.0 + 30.0;
  EXPECT_NEAR(out.costPerPackageBuilt, built, 1e-12);
  EXPECT_NEAR(out.costPerGoodPackage, built / y, 1e-10);
  EXPECT_NEAR(out.dieCostPerGoodPackage + out.assemblyCostPerGoodPackage, out.costPerGoodPackage, 1e-10);
  // Without spares a good package holds only good dies: scrapped good dies of
  // a group = N q − N · Y.
  EXPECT_NEAR(out.groups[2].goodDiesScrapped, 4 * 0.99 - 4 * y, 1e-14);
  const double scrapped = 200.0 * (0.995 - y) + 20.0 * 2 * (0.999 - y) + 50.0 * 4 * (0.99 - y);
  EXPECT_NEAR(out.scrappedGoodDieCostPerGoodPackage, scrapped / y, 1e-10);
}

TEST(PackageYieldTest, ScrappedGoodDiesWithSparesMatchEnumeration) {
  // One group of 6 dies needing 4, a second group of 1 die, assembly 0.95.
  const double q1 = 0.9, q2 = 0.97, ya = 0.95;
  PackageSpec spec;
  spec.groups = {{"stack", q1, 6, 4, 10.0}, {"base", q2, 1, -1, 40.0}};
  spec.assemblyYield = ya;
  const auto out = evaluatePackage(spec);

  double yield = 0.0, shipped1 = 0.0;
  forEachPattern(6, q1, [&](int good, double p) {
    if (good >= 4) {
      yield += p * q2 * ya;
      shipped1 += good * p * q2 * ya;
    }
  });
  EXPECT_NEAR(out.yield, yield, 1e-14);
  EXPECT_NEAR(out.groups[0].goodDiesScrapped, 6 * q1 - shipped1, 1e-13);
  EXPECT_NEAR(out.groups[1].goodDiesScrapped, q2 - yield, 1e-13);
}

TEST(PackageYieldTest, KnownGoodStackBuildUp) {
  const auto steps = knownGoodStack({{"base", 0.99, 1.0}, {"die 1", 0.995, 0.998}, {"die 2", 0.995, 0.998}});
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NEAR(steps[0].stackYield, 0.99, 1e-15);
  EXPECT_NEAR(steps[1].stackYield, 0.99 * 0.995 * 0.998, 1e-15);
  EXPECT_NEAR(steps[2].stackYield, 0.99 * std::pow(0.995 * 0.998, 2), 1e-15);
  EXPECT_EQ(steps[2].dies, 3);
  EXPECT_TRUE(knownGoodStack({}).empty());
  EXPECT_THROW(knownGoodStack({{"x", 1.1, 1.0}}), Error);
}

TEST(PackageYieldTest, RefusesBadSpecs) {
  PackageSpec spec;
  EXPECT_THROW(evaluatePackage(spec), Error);  // no group
  spec.groups = {{"a", 0.9, 2, 3, 1.0}};
  EXPECT_THROW(evaluatePackage(spec), Error);  // needs more than it has
  spec.groups = {{"a", 0.0, 2, -1, 1.0}};
  EXPECT_THROW(evaluatePackage(spec), Error);  // zero yield: no good package
  spec.groups = {{"a", 0.9, 2, -1, -1.0}};
  EXPECT_THROW(evaluatePackage(spec), Error);
  spec.groups = {{"a", 0.9, 2, -1, 1.0}};
  spec.assemblyYield = 0.0;
  EXPECT_THROW(evaluatePackage(spec), Error);
}

}  // namespace
}  // namespace fab::yield

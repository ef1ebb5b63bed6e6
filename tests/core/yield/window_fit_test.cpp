// Window-method maximum-likelihood fits: exact recovery from noise-free block
// counts, recovery from seeded simulated wafers with known Y0, D0 and α, and
// the identifiability rules.
#include "core/yield/window_fit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/yield/defect_density.h"
#include "tests/core/yield/simulated_wafers.h"

namespace fab::yield {
namespace {

/// Block counts with k = round(n · P_m) for a huge n: the likelihood's maximum
/// is the generating point to within the rounding of k.
std::vector<BlockYield> exactCounts(YieldModel model, double y0, double ad, ModelParameters p,
                                    const std::vector<int>& sizes) {
  std::vector<BlockYield> out;
  const double n = 1e9;
  for (int m : sizes) {
    BlockYield b;
    b.m = m;
    b.shape = blockShapeFor(m);
    b.blocks = static_cast<long long>(n);
    b.good = std::llround(n * y0 * yieldAtAD(model, m * ad, p));
    out.push_back(b);
  }
  return out;
}

const ModelFit& fitOf(const WindowFitResult& r, YieldModel model) {
  for (const auto& f : r.models)
    if (f.model == model) return f;
  throw Error("model missing from the result");
}

TEST(WindowFitTest, RecoversNegativeBinomialFromExactCounts) {
  WindowFitOptions o;
  o.dieArea = 0.5;
  const auto r = fitBlockYields(exactCounts(YieldModel::NegativeBinomial, 0.9, 0.3, {1.3, 1}, {1, 2, 4, 9}), o);
  EXPECT_EQ(r.blockSizes, 4);
  EXPECT_EQ(r.identifiableParameters, 3);
  ASSERT_TRUE(r.ranked);
  const auto& nb = r.models.front();
  ASSERT_EQ(nb.model, YieldModel::NegativeBinomial) << "the generating model ranks first";
  EXPECT_NEAR(nb.y0, 0.9, 1e-5);
  EXPECT_NEAR(nb.d0, 0.6, 1e-4);
  EXPECT_NEAR(nb.alpha, 1.3, 1e-3);
  EXPECT_TRUE(nb.y0Fitted);
  EXPECT_TRUE(nb.alphaFitted);
  EXPECT_EQ(nb.parameters, 3);
  ASSERT_TRUE(nb.goodness);
  EXPECT_EQ(nb.goodness->degreesOfFreedom, 1);
  ASSERT_EQ(nb.predicted.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(nb.predicted[i], r.blocks[i].yield(), 1e-8);
}

TEST(WindowFitTest, TheGeneratingModelWinsForEachModel) {
  WindowFitOptions o;
  o.dieArea = 1.0;
  for (auto model : {YieldModel::Poisson, YieldModel::MurphyTriangular, YieldModel::MurphyUniform,
                     YieldModel::SeedsHyperbolic, YieldModel::SeedsExponential}) {
    const auto r = fitBlockYields(exactCounts(model, 0.95, 0.4, {}, {1, 2, 4, 9, 16}), o);
    const auto& best = r.models.front();
    // Negative binomial nests Poisson (α → ∞) and Seeds 1/(1+AD) (α = 1), so it
    // may tie with them; every other model must be worse.
    const bool nested = model == YieldModel::Poisson || model == YieldModel::SeedsHyperbolic;
    if (!nested) {
      EXPECT_EQ(best.model, model) << modelInfo(model).key;
    }
    const auto& own = fitOf(r, model);
    EXPECT_NEAR(own.d0, 0.4, 1e-4) << modelInfo(model).key;
    EXPECT_NEAR(own.y0, 0.95, 1e-5) << modelInfo(model).key;
  }
}

struct Truth {
  double y0, d0, alpha;
};

TEST(WindowFitTest, RecoversY0D0AndAlphaFromSimulatedWafers) {
  // 200 wafers of 36 × 36 dies, 1800 regions of constant D: the sampling
  // spread seen over many seeds is about 1 % in Y0, 3 % in D0 and 6 % in α,
  // so the tolerances below are about three standard errors.
  for (unsigned seed : {11u, 12u, 13u}) {
    const Truth truth{0.92, 0.4, 1.5};
    fab::test::SimulationSpec spec;
    spec.wafers = 200;
    spec.y0 = truth.y0;
    spec.d0 = truth.d0;
    spec.alpha = truth.alpha;
    spec.seed = seed;
    WindowFitOptions o;
    o.dieArea = spec.area;
    const auto r = fitWindowMethod(fab::test::simulateWafers(spec), o);
    ASSERT_TRUE(r.ranked);
    const auto& nb = r.models.front();
    ASSERT_EQ(nb.model, YieldModel::NegativeBinomial) << "seed " << seed;
    EXPECT_NEAR(nb.y0, truth.y0, 0.03) << "seed " << seed;
    EXPECT_NEAR(nb.d0, truth.d0, 0.1 * truth.d0) << "seed " << seed;
    EXPECT_NEAR(nb.alpha, truth.alpha, 0.2 * truth.alpha) << "seed " << seed;
    ASSERT_TRUE(nb.goodness);
    EXPECT_GT(nb.goodness->pValue, 1e-3) << "seed " << seed;
    const auto& poisson = fitOf(r, YieldModel::Poisson);
    ASSERT_TRUE(poisson.goodness);
    EXPECT_LT(poisson.goodness->pValue, 1e-6) << "clustered data reject Poisson";
  }
}

TEST(WindowFitTest, UnclusteredDataFavourPoisson) {
  fab::test::SimulationSpec spec;
  spec.wafers = 150;
  spec.alpha = INFINITY;
  spec.d0 = 0.5;
  spec.seed = 5;
  WindowFitOptions o;
  o.dieArea = spec.area;
  const auto r = fitWindowMethod(fab::test::simulateWafers(spec), o);
  const auto& poisson = fitOf(r, YieldModel::Poisson);
  const auto& nb = fitOf(r, YieldModel::NegativeBinomial);
  EXPECT_NEAR(poisson.d0, 0.5, 0.05 * 0.5);
  EXPECT_GT(nb.alpha, 20.0) << "no clustering: α large or infinite";
  EXPECT_LE(poisson.aic, nb.aic);
}

TEST(WindowFitTest, OneBlockSizeIdentifiesOnlyTheYield) {
  WindowFitOptions o;
  o.dieArea = 0.5;
  o.blocks = {{1, 1}};
  const auto r = fitBlockYields(exactCounts(YieldModel::Poisson, 1.0, 0.3, {}, {1}), o);
  EXPECT_EQ(r.blockSizes, 1);
  EXPECT_EQ(r.identifiableParameters, 1);
  EXPECT_FALSE(r.ranked);
  EXPECT_NE(r.message.find("only one parameter"), std::string::npos) << r.message;
  const double y = r.blocks.front().yield();
  for (const auto& f : r.models) {
    if (f.model == YieldModel::NegativeBinomial) {
      EXPECT_TRUE(std::isnan(f.d0)) << "α is not identifiable and was not given";
      EXPECT_FALSE(f.note.empty());
      continue;
    }
    EXPECT_NEAR(f.d0, d0FromYield(f.model, 0.5, y), 1e-12) << modelInfo(f.model).key;
    EXPECT_FALSE(f.goodness);
  }
  // With a given α the negative binomial gets its D0 too.
  o.alpha = 2.0;
  const auto withAlpha = fitBlockYields(exactCounts(YieldModel::Poisson, 1.0, 0.3, {}, {1}), o);
  EXPECT_NEAR(fitOf(withAlpha, YieldModel::NegativeBinomial).d0,
              d0FromYield(YieldModel::NegativeBinomial, 0.5, y, {2.0, 1}), 1e-12);
}

TEST(WindowFitTest, TwoBlockSizesFixY0AndStillFitAlpha) {
  WindowFitOptions o;
  o.dieArea = 0.25;
  o.blocks = {{1, 1}, {2, 2}};
  const auto r = fitBlockYields(exactCounts(YieldModel::NegativeBinomial, 1.0, 0.2, {0.8, 1}, {1, 4}), o);
  EXPECT_EQ(r.identifiableParameters, 2);
  EXPECT_NE(r.message.find("Y0 fixed at 1"), std::string::npos) << r.message;
  const auto& nb = fitOf(r, YieldModel::NegativeBinomial);
  EXPECT_FALSE(nb.y0Fitted);
  EXPECT_EQ(nb.y0, 1.0);
  EXPECT_NEAR(nb.d0, 0.8, 1e-4);
  EXPECT_NEAR(nb.alpha, 0.8, 1e-3);
  EXPECT_FALSE(nb.goodness) << "two parameters, two block sizes: no degrees of freedom";
  const auto& poisson = fitOf(r, YieldModel::Poisson);
  ASSERT_TRUE(poisson.goodness);
  EXPECT_EQ(poisson.goodness->degreesOfFreedom, 1);
}

TEST(WindowFitTest, GivenAlphaAndGrossYieldAreHeld) {
  WindowFitOptions o;
  o.dieArea = 0.5;
  o.alpha = 1.3;
  o.grossYield = 0.9;
  const auto r = fitBlockYields(exactCounts(YieldModel::NegativeBinomial, 0.9, 0.3, {1.3, 1}, {1, 2, 4, 9}), o);
  const auto& nb = fitOf(r, YieldModel::NegativeBinomial);
  EXPECT_FALSE(nb.alphaFitted);
  EXPECT_FALSE(nb.y0Fitted);
  EXPECT_EQ(nb.parameters, 1);
  EXPECT_EQ(nb.alpha, 1.3);
  EXPECT_NEAR(nb.d0, 0.6, 1e-5);
}

TEST(WindowFitTest, PerfectYieldGivesZeroDensity) {
  WindowFitOptions o;
  o.dieArea = 1.0;
  const auto r = fitBlockYields(exactCounts(YieldModel::Poisson, 1.0, 0.0, {}, {1, 2, 4}), o);
  for (const auto& f : r.models) {
    EXPECT_LT(f.d0, 1e-9) << modelInfo(f.model).key;
    EXPECT_NEAR(f.y0, 1.0, 1e-9);
  }
}

TEST(WindowFitTest, BlockSizesWithoutDataAreReportedAndSkipped) {
  WindowFitOptions o;
  o.dieArea = 0.5;
  o.blocks = {{1, 1}, {2, 1}, {2, 2}, {3, 3}, {40, 40}};
  fab::test::SimulationSpec spec;
  spec.wafers = 20;
  const auto r = fitWindowMethod(fab::test::simulateWafers(spec), o);
  EXPECT_EQ(r.blockSizes, 4);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("m = 1600"), std::string::npos);
  for (const auto& f : r.models) {
    ASSERT_EQ(f.predicted.size(), 5u);
    EXPECT_TRUE(std::isnan(f.predicted[4]));
  }
}

TEST(WindowFitTest, RefusesDataWithoutInformation) {
  WindowFitOptions o;
  o.dieArea = 1.0;
  EXPECT_THROW(fitBlockYields(exactCounts(YieldModel::Poisson, 1.0, 1e3, {}, {1, 2}), o), Error);  // zero yield
  EXPECT_THROW(fitBlockYields({BlockYield{}}, o), Error);                                          // no complete block
  WindowFitOptions noArea;
  EXPECT_THROW(fitBlockYields(exactCounts(YieldModel::Poisson, 1.0, 0.1, {}, {1}), noArea), Error);
  o.grossYield = 1.5;
  EXPECT_THROW(o.validate(), Error);
}

}  // namespace
}  // namespace fab::yield

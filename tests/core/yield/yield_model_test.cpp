// Yield models against the published values at AD = 1 (tests/reference/README.md,
// "Yield and KGD") and their closed-form limits.
#include "core/yield/yield_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::yield {
namespace {

TEST(YieldModelTest, ReferenceValuesAtAdOne) {
  // Reference: Poisson 0.36788; Murphy triangular 0.39958; Murphy uniform
  // 0.43233; Seeds 1/(1+AD) 0.5, e^(−√AD) 0.36788; negative binomial α = 2:
  // 0.44444, α = 0.5: 0.57735 (five significant digits as published).
  const double tol = 5e-6;
  EXPECT_NEAR(yieldAtAD(YieldModel::Poisson, 1.0), 0.36788, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::MurphyTriangular, 1.0), 0.39958, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::MurphyUniform, 1.0), 0.43233, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::SeedsHyperbolic, 1.0), 0.5, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::SeedsExponential, 1.0), 0.36788, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::NegativeBinomial, 1.0, {2.0, 1}), 0.44444, tol);
  EXPECT_NEAR(yieldAtAD(YieldModel::NegativeBinomial, 1.0, {0.5, 1}), 0.57735, tol);
}

TEST(YieldModelTest, AreaAndDensityEnterAsTheirProduct) {
  for (const auto& m : allModels()) {
    const double a = modelYield(m.model, 0.5, 2.0, {1.7, 3});
    const double b = modelYield(m.model, 2.0, 0.5, {1.7, 3});
    EXPECT_NEAR(a, b, 1e-15) << m.key;
    EXPECT_NEAR(a, yieldAtAD(m.model, 1.0, {1.7, 3}), 1e-15) << m.key;
  }
}

TEST(YieldModelTest, GrossYieldScalesTheModel) {
  EXPECT_NEAR(modelYield(YieldModel::Poisson, 1.0, 1.0, {}, 0.9), 0.9 * std::exp(-1.0), 1e-15);
}

TEST(YieldModelTest, NegativeBinomialTendsToPoissonAsAlphaGrows) {
  // (1 + x/α)^(−α) → e^(−x): the gap is x²/(2α)·e^(−x) to first order.
  for (double x : {0.1, 1.0, 3.0}) {
    for (double alpha : {1e3, 1e6, 1e9}) {
      const double nb = yieldAtAD(YieldModel::NegativeBinomial, x, {alpha, 1});
      const double poisson = std::exp(-x);
      EXPECT_NEAR(nb, poisson, 2.0 * x * x / (2.0 * alpha) * poisson + 1e-15) << "x " << x << " α " << alpha;
    }
  }
}

TEST(YieldModelTest, NegativeBinomialWithAlphaOneIsSeedsHyperbolic) {
  for (double x : {0.0, 0.01, 0.5, 1.0, 7.0})
    EXPECT_NEAR(yieldAtAD(YieldModel::NegativeBinomial, x, {1.0, 1}), 1.0 / (1.0 + x), 1e-15);
}

TEST(YieldModelTest, BoseEinsteinIsNegativeBinomialWithAlphaEqualToLayers) {
  // (1 + AD)^(−n) = (1 + A(nD)/n)^(−n): n layers of density D each.
  for (int n : {1, 2, 5})
    for (double x : {0.1, 0.8, 2.5})
      EXPECT_NEAR(yieldAtAD(YieldModel::BoseEinstein, x, {0.0, n}),
                  yieldAtAD(YieldModel::NegativeBinomial, n * x, {static_cast<double>(n), 1}), 1e-14);
  EXPECT_NEAR(yieldAtAD(YieldModel::BoseEinstein, 0.7, {0.0, 1}), 1.0 / 1.7, 1e-15);
}

TEST(YieldModelTest, EveryModelIsOneAtZeroDefectsAndAccurateNearIt) {
  for (const auto& m : allModels()) EXPECT_EQ(yieldAtAD(m.model, 0.0, {2.0, 2}), 1.0) << m.key;
  // Murphy's forms near x = 0: 1 − x + 7x²/12… (triangular), 1 − x + 2x²/3… (uniform), to
  // rounding (a naive 1 − e^(−x) would be off by ~1e-10 here).
  const double x = 1e-6;
  EXPECT_NEAR(yieldAtAD(YieldModel::MurphyTriangular, x), 1.0 - x + 7.0 * x * x / 12.0, 5e-16);
  EXPECT_NEAR(yieldAtAD(YieldModel::MurphyUniform, x), 1.0 - x + 2.0 * x * x / 3.0, 5e-16);
}

TEST(YieldModelTest, ModelsOrderAsTheirDensitySpreads) {
  // Wider D distributions give higher yield at the same mean (Jensen): at AD = 2,
  // Poisson < Murphy triangular < Murphy uniform < Seeds 1/(1+AD).
  const double x = 2.0;
  EXPECT_LT(yieldAtAD(YieldModel::Poisson, x), yieldAtAD(YieldModel::MurphyTriangular, x));
  EXPECT_LT(yieldAtAD(YieldModel::MurphyTriangular, x), yieldAtAD(YieldModel::MurphyUniform, x));
  EXPECT_LT(yieldAtAD(YieldModel::MurphyUniform, x), yieldAtAD(YieldModel::SeedsHyperbolic, x));
}

TEST(YieldModelTest, ParsesNamesAndListsThem) {
  EXPECT_EQ(parseModel("poisson"), YieldModel::Poisson);
  EXPECT_EQ(parseModel("Murphy"), YieldModel::MurphyTriangular);
  EXPECT_EQ(parseModel("murphy-uniform"), YieldModel::MurphyUniform);
  EXPECT_EQ(parseModel("seeds"), YieldModel::SeedsHyperbolic);
  EXPECT_EQ(parseModel("seeds-exp"), YieldModel::SeedsExponential);
  EXPECT_EQ(parseModel("bose-einstein"), YieldModel::BoseEinstein);
  EXPECT_EQ(parseModel("NEGBIN"), YieldModel::NegativeBinomial);
  EXPECT_FALSE(parseModel("gauss"));
  EXPECT_EQ(modelKeys(), "poisson, murphy, murphy-uniform, seeds, seeds-exp, bose-einstein, negbin");
  for (const auto& m : allModels()) EXPECT_EQ(modelInfo(m.model).key, m.key);
}

TEST(YieldModelTest, RefusesBadInputWithAMessage) {
  EXPECT_THROW(modelYield(YieldModel::Poisson, -1.0, 1.0), Error);
  EXPECT_THROW(modelYield(YieldModel::Poisson, 1.0, std::nan("")), Error);
  EXPECT_THROW(modelYield(YieldModel::Poisson, 1.0, 1.0, {}, 0.0), Error);
  EXPECT_THROW(modelYield(YieldModel::Poisson, 1.0, 1.0, {}, 1.2), Error);
  EXPECT_THROW(modelYield(YieldModel::NegativeBinomial, 1.0, 1.0, {0.0, 1}), Error);
  EXPECT_THROW(modelYield(YieldModel::BoseEinstein, 1.0, 1.0, {2.0, 0}), Error);
  // Parameters a model does not use are not checked.
  EXPECT_NO_THROW(modelYield(YieldModel::Poisson, 1.0, 1.0, {-1.0, 0}));
}

}  // namespace
}  // namespace fab::yield

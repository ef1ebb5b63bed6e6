#include "core/msa/cohen_kappa.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <functional>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

// Cohen's 2×2 example (reference/README.md): yes/no by two raters, n = 50.
const Eigen::MatrixXd kCohenTable = (Eigen::MatrixXd(2, 2) << 20, 5, 10, 15).finished();

/// Multinomial delta method (the derivation of Fleiss, Cohen & Everitt 1969),
/// computed independently with a numerical gradient of κ(π) over the k² cell
/// probabilities: Var = (Σ π g² − (Σ π g)²) / n.
double deltaMethodVariance(const Eigen::MatrixXd& pi, const Eigen::MatrixXd& w, double n) {
  auto kappaOf = [&](const Eigen::MatrixXd& q) {
    const Eigen::VectorXd row = q.rowwise().sum(), col = q.colwise().sum();
    const double po = (w.array() * q.array()).sum();
    const double pe = row.transpose() * w * col;
    return (po - pe) / (1 - pe);
  };
  const double h = 1e-6;
  double sumG2 = 0, sumG = 0;
  for (Eigen::Index i = 0; i < pi.rows(); ++i)
    for (Eigen::Index j = 0; j < pi.cols(); ++j) {
      Eigen::MatrixXd up = pi, down = pi;
      up(i, j) += h;
      down(i, j) -= h;
      const double g = (kappaOf(up) - kappaOf(down)) / (2 * h);
      sumG2 += pi(i, j) * g * g;
      sumG += pi(i, j) * g;
    }
  return (sumG2 - sumG * sumG) / n;
}

TEST(CohenKappa, PublishedTwoByTwoExample) {
  const auto r = cohenKappa(kCohenTable);
  EXPECT_DOUBLE_EQ(r.n, 50);
  EXPECT_NEAR(r.observed, 0.70, 1e-12);
  EXPECT_NEAR(r.expected, 0.50, 1e-12);
  EXPECT_NEAR(r.stat.kappa, 0.40, 1e-12);
  // Large-sample SE (FCE 1969) 0.1270 for the interval; SE under H0 0.1386 for z = 2.89.
  ASSERT_TRUE(r.stat.seLargeSample);
  EXPECT_NEAR(*r.stat.seLargeSample, 0.1270, 5e-5);
  EXPECT_NEAR(r.stat.seNull, 0.1386, 5e-5);
  EXPECT_NEAR(r.stat.z, 2.89, 5e-3);
  EXPECT_EQ(r.stat.agreement, "fair");
}

TEST(CohenKappa, IntervalUsesLargeSampleSeAndTestUsesNullSe) {
  const auto r = cohenKappa(kCohenTable, {.weights = KappaWeights::None, .confidence = 0.95});
  const double q = 1.959963984540054;
  EXPECT_NEAR(*r.stat.ciLow, 0.40 - q * *r.stat.seLargeSample, 1e-12);
  EXPECT_NEAR(*r.stat.ciHigh, 0.40 + q * *r.stat.seLargeSample, 1e-12);
  EXPECT_NEAR(r.stat.z, 0.40 / r.stat.seNull, 1e-12);
  const boost::math::normal z;
  EXPECT_NEAR(r.stat.pGreater, boost::math::cdf(boost::math::complement(z, r.stat.z)), 1e-15);
  EXPECT_NEAR(r.stat.pTwoSided, 2 * r.stat.pGreater, 1e-15);
}

TEST(CohenKappa, UnweightedStandardErrorsMatchFleissBookForms) {
  // Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions, 3rd ed.
  // (2003), §18.1: the unweighted forms of both variances, written out
  // independently of the weighted code path, for a 3×3 table.
  const Eigen::MatrixXd t = (Eigen::MatrixXd(3, 3) << 22, 4, 2, 3, 17, 6, 1, 5, 20).finished();
  const auto r = cohenKappa(t);
  const double n = t.sum();
  const Eigen::MatrixXd p = t / n;
  const Eigen::VectorXd row = p.rowwise().sum(), col = p.colwise().sum();
  double po = 0, pe = 0;
  for (int i = 0; i < 3; ++i) po += p(i, i), pe += row(i) * col(i);
  const double k = (po - pe) / (1 - pe);
  double a = 0, b = 0, c0 = 0;
  for (int i = 0; i < 3; ++i) {
    a += p(i, i) * std::pow(1 - (row(i) + col(i)) * (1 - k), 2);
    c0 += row(i) * col(i) * (row(i) + col(i));
    for (int j = 0; j < 3; ++j)
      if (i != j) b += p(i, j) * std::pow(col(i) + row(j), 2);
  }
  b *= (1 - k) * (1 - k);
  const double c = std::pow(k - pe * (1 - k), 2);
  EXPECT_NEAR(r.stat.kappa, k, 1e-12);
  EXPECT_NEAR(*r.stat.seLargeSample, std::sqrt((a + b - c) / (n * std::pow(1 - pe, 2))), 1e-12);
  EXPECT_NEAR(r.stat.seNull, std::sqrt((pe + pe * pe - c0) / (n * std::pow(1 - pe, 2))), 1e-12);
}

TEST(CohenKappa, WeightedStandardErrorsMatchDeltaMethod) {
  const Eigen::MatrixXd t = (Eigen::MatrixXd(4, 4) << 11, 4, 1, 0, 3, 14, 5, 1, 1, 4, 12, 3, 0, 1, 2, 9).finished();
  const double n = t.sum();
  for (auto weights : {KappaWeights::None, KappaWeights::Linear, KappaWeights::Quadratic}) {
    SCOPED_TRACE(std::string(toString(weights)));
    const auto r = cohenKappa(t, {.weights = weights});
    const Eigen::MatrixXd pi = t / n;
    EXPECT_NEAR(*r.stat.seLargeSample, std::sqrt(deltaMethodVariance(pi, r.weights, n)), 1e-7);
    // Under H0 the cells are p_i· p_·j (independence): the null variance is the delta method there.
    const Eigen::MatrixXd independent = pi.rowwise().sum() * pi.colwise().sum();
    EXPECT_NEAR(r.stat.seNull, std::sqrt(deltaMethodVariance(independent, r.weights, n)), 1e-7);
  }
}

TEST(CohenKappa, WeightedKappaMatchesPairwiseDefinition) {
  // κ_w = 1 − (mean disagreement weight of the pairs) / (mean over all cross pairs), brute force O(n²).
  const std::vector<std::string> a = {"1", "2", "3", "4", "2", "3", "1", "4", "3", "2", "2", "1", "4", "3", "3"};
  const std::vector<std::string> b = {"1", "3", "3", "4", "2", "2", "2", "3", "3", "1", "2", "1", "4", "4", "2"};
  for (auto weights : {KappaWeights::Linear, KappaWeights::Quadratic}) {
    const auto r = cohenKappa(a, b, {.weights = weights});
    auto dis = [&](const std::string& x, const std::string& y) {
      const double d = std::abs(std::stod(x) - std::stod(y)) / 3.0;
      return weights == KappaWeights::Linear ? d : d * d;
    };
    double observed = 0, chance = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      observed += dis(a[i], b[i]);
      for (std::size_t j = 0; j < b.size(); ++j) chance += dis(a[i], b[j]);
    }
    observed /= a.size();
    chance /= a.size() * b.size();
    EXPECT_NEAR(r.stat.kappa, 1 - observed / chance, 1e-12);
  }
}

TEST(CohenKappa, QuadraticWeightsEqualTheConcordanceForm) {
  // Fleiss & Cohen (1973): quadratic-weighted kappa = 2 s_xy / (s_x² + s_y² + (x̄ − ȳ)²), moments over n.
  const std::vector<double> x = {1, 2, 2, 3, 5, 4, 4, 1, 3, 5, 2, 3};
  const std::vector<double> y = {2, 2, 3, 3, 4, 4, 5, 1, 2, 5, 1, 3};
  std::vector<std::string> a, b;
  for (double v : x) a.push_back(std::to_string(static_cast<int>(v)));
  for (double v : y) b.push_back(std::to_string(static_cast<int>(v)));
  const auto r = cohenKappa(a, b, {.weights = KappaWeights::Quadratic});
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx) / n;
    syy += (y[i] - my) * (y[i] - my) / n;
    sxy += (x[i] - mx) * (y[i] - my) / n;
  }
  EXPECT_NEAR(r.stat.kappa, 2 * sxy / (sxx + syy + (mx - my) * (mx - my)), 1e-12);
}

TEST(CohenKappa, PerfectAgreement) {
  const std::vector<std::string> a = {"pass", "fail", "pass", "pass", "fail", "pass"};
  const auto r = cohenKappa(a, a);
  EXPECT_DOUBLE_EQ(r.stat.kappa, 1.0);
  EXPECT_DOUBLE_EQ(r.observed, 1.0);
  EXPECT_NEAR(*r.stat.seLargeSample, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(*r.stat.ciHigh, 1.0);
  EXPECT_GT(r.stat.seNull, 0);
  EXPECT_EQ(r.stat.agreement, "almost perfect");
}

TEST(CohenKappa, ChanceLevelAgreementGivesZero) {
  // Cells equal to the product of the margins: observed agreement is exactly chance.
  const Eigen::MatrixXd t = (Eigen::MatrixXd(2, 2) << 9, 6, 6, 4).finished();
  const auto r = cohenKappa(t);
  EXPECT_NEAR(r.observed, r.expected, 1e-15);
  EXPECT_NEAR(r.stat.kappa, 0.0, 1e-15);
  EXPECT_NEAR(r.stat.pGreater, 0.5, 1e-12);
}

TEST(CohenKappa, SingleCategoryIsRefusedWithAMessage) {
  const std::vector<std::string> a = {"ok", "ok", "ok"};
  try {
    cohenKappa(a, a);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("only 'ok'"));
    EXPECT_THAT(e.what(), HasSubstr("at least two categories"));
  }
}

TEST(CohenKappa, MissingRatingsSkipTheSubjectAndEmptyRaterIsRefused) {
  const std::vector<std::string> a = {"1", "2", "", "2", "1"};
  const std::vector<std::string> b = {"1", "2", "2", "NA", "2"};
  const auto r = cohenKappa(a, b);
  EXPECT_DOUBLE_EQ(r.n, 3);
  EXPECT_EQ(r.skippedRows, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(r.usedRows, (std::vector<std::size_t>{0, 1, 4}));
  const std::vector<std::string> none = {"", "NA", "", "", ""};
  EXPECT_THAT([&] { cohenKappa(a, none); }, ::testing::ThrowsMessage<Error>(HasSubstr("rater 2 has no ratings")));
}

TEST(CohenKappa, BadTablesAndOptionsAreRefused) {
  EXPECT_THROW(cohenKappa(Eigen::MatrixXd(2, 3)), Error);
  EXPECT_THROW(cohenKappa(Eigen::MatrixXd::Zero(2, 2)), Error);
  EXPECT_THROW(cohenKappa((Eigen::MatrixXd(2, 2) << 1, -1, 2, 3).finished()), Error);
  EXPECT_THROW(cohenKappa(kCohenTable, {.confidence = 1.5}), Error);
  EXPECT_THROW(parseKappaWeights("cubic"), Error);
}

TEST(CohenKappa, ExplicitCategoryOrderDrivesWeights) {
  const std::vector<std::string> a = {"low", "mid", "high", "mid", "low", "high"};
  const std::vector<std::string> b = {"low", "high", "high", "mid", "mid", "high"};
  const auto ordered = cohenKappa(a, b, {.weights = KappaWeights::Linear}, {"low", "mid", "high"});
  EXPECT_EQ(ordered.categories, (std::vector<std::string>{"low", "mid", "high"}));
  EXPECT_THAT(ordered.warnings, ::testing::Not(::testing::Contains(HasSubstr("ordered as listed"))));
  const auto alphabetical = cohenKappa(a, b, {.weights = KappaWeights::Linear});
  EXPECT_EQ(alphabetical.categories, (std::vector<std::string>{"high", "low", "mid"}));
  EXPECT_THAT(alphabetical.warnings, ::testing::Contains(HasSubstr("ordered as listed")));
}

}  // namespace
}  // namespace fab::msa

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/error.h"
#include "models/classifier/distillation.h"

namespace fab::models {
namespace {

/// log softmax of row i of an n × k array at temperature T, in double precision.
std::vector<double> logSoftmax(const std::vector<float>& z, int i, int k, double t) {
  double m = -1e300;
  for (int j = 0; j < k; ++j) m = std::max(m, z[i * k + j] / t);
  double sum = 0;
  for (int j = 0; j < k; ++j) sum += std::exp(z[i * k + j] / t - m);
  std::vector<double> out(k);
  for (int j = 0; j < k; ++j) out[j] = z[i * k + j] / t - m - std::log(sum);
  return out;
}

/// Hinton et al. (2015) §2, written out independently of the training code:
/// α·mean CE + (1 − α)·T²·mean Σ p_t (log p_t − log p_s).
double handLoss(const std::vector<float>& s, const std::vector<float>& t, const std::vector<int>& y, double T,
                double alpha) {
  const int n = static_cast<int>(y.size()), k = static_cast<int>(s.size()) / n;
  double ce = 0, kl = 0;
  for (int i = 0; i < n; ++i) {
    ce -= logSoftmax(s, i, k, 1)[y[i]];
    const auto ls = logSoftmax(s, i, k, T), lt = logSoftmax(t, i, k, T);
    for (int j = 0; j < k; ++j) kl += std::exp(lt[j]) * (lt[j] - ls[j]);
  }
  return alpha * ce / n + (1 - alpha) * T * T * kl / n;
}

const std::vector<float> kStudent{1.0f, 2.0f, 0.5f, 0.2f, -1.0f, 3.0f};
const std::vector<float> kTeacher{2.0f, 1.0f, 0.0f, 0.0f, 0.0f, 4.0f};
const std::vector<int> kLabels{1, 2};

TEST(DistillationLoss, MatchesHandComputation) {
  // Training computes in float32 (ε ≈ 1.2e-7); the T² factor scales the rounding of the KL term.
  for (double T : {1.0, 2.0, 4.0, 10.0})
    for (double alpha : {0.0, 0.3, 0.5, 1.0})
      EXPECT_NEAR(distillationLoss(kStudent, kTeacher, kLabels, T, alpha),
                  handLoss(kStudent, kTeacher, kLabels, T, alpha), 2e-6 * std::max(1.0, T * T / 10))
          << "T " << T << " alpha " << alpha;
}

TEST(DistillationLoss, ClosedForms) {
  // Two equal logits: CE = ln 2; a teacher equal to the student adds nothing.
  const std::vector<float> even{0.0f, 0.0f};
  const std::vector<int> first{0};
  EXPECT_NEAR(distillationLoss(even, even, first, 3.0, 0.4), 0.4 * std::log(2.0), 1e-7);
  // Without a teacher the loss is the cross-entropy whatever α.
  EXPECT_NEAR(distillationLoss(even, {}, first, 3.0, 0.4), std::log(2.0), 1e-7);
  // α = 0, uniform student, one-hot-ish teacher: T²·KL = T²·(Σ p log p + log k).
  const std::vector<float> teacher{std::log(3.0f), 0.0f};  // at T = 1: p = (3/4, 1/4)
  const double kl = 0.75 * std::log(0.75) + 0.25 * std::log(0.25) + std::log(2.0);
  EXPECT_NEAR(distillationLoss(even, teacher, first, 1.0, 0.0), kl, 1e-6);
}

TEST(DistillationLoss, RefusesBadShapes) {
  const std::vector<float> three{1, 2, 3};
  EXPECT_THROW(distillationLoss(three, {}, std::vector<int>{0, 1}, 1, 1), Error);     // 3 logits for 2 labels
  EXPECT_THROW(distillationLoss(three, {}, std::vector<int>{0, 1, 2}, 1, 1), Error);  // k = 1
  EXPECT_THROW(distillationLoss(kStudent, three, kLabels, 1, 1), Error);
  EXPECT_THROW(distillationLoss(kStudent, {}, std::vector<int>{0, 3}, 1, 1), Error);
}

TEST(TrainingOptions, ValidatesRanges) {
  TrainingOptions o;
  EXPECT_NO_THROW(o.validate());
  o.alpha = 1.5;
  EXPECT_THAT([&] { o.validate(); }, ::testing::ThrowsMessage<Error>(::testing::HasSubstr("alpha")));
  o = {};
  o.temperature = 0;
  EXPECT_THROW(o.validate(), Error);
  o = {};
  o.epochs = 0;
  EXPECT_THROW(o.validate(), Error);
  o = {};
  o.batchSize = 1;
  EXPECT_THROW(o.validate(), Error);
}

}  // namespace
}  // namespace fab::models

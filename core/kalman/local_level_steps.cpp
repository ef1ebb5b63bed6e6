#include "core/kalman/local_level_steps.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kLog2Pi = std::log(2.0 * std::numbers::pi);

/// x/√var, NaN where var is not positive (the auxiliary residual, D&K §2.12).
double standardise(double x, double var) { return var > 0 ? x / std::sqrt(var) : kNaN; }

/// The local-level filter one step at a time: D&K eq. (2.15) with the exact diffuse start of §2.9,
/// the same operations in the same order as runFilter() in local_level_fast.cpp.
struct ForwardFilter {
  double h = 1, q = 0;
  double a = 0, P = 0;  // predicted state and (proper) variance of the next step
  bool diffuse = true;  // no observation yet: P_∞ = 1
  // The last step:
  double predictedState = 0, predictedVariance = 0, v = kNaN, F = kNaN, filteredState = 0, filteredVariance = 0;
  bool firstObservation = false;  // the diffuse observation (F_∞ > 0)
  double logLikelihood = 0;
  Eigen::Index observations = 0;
  bool skippedZeroVariance = false;

  void step(double yt, double dt) {
    predictedState = a;
    predictedVariance = P;
    const bool observed = !std::isnan(yt);
    firstObservation = false;
    if (diffuse) {
      if (observed) {
        // F_∞ = 1, K_0 = 1: a ← y, P_* ← σ²ε; log L gets −½ log 2π (log F_∞ = 0).
        v = yt - a;
        F = P + h;
        a = yt;
        P = h;
        logLikelihood -= 0.5 * kLog2Pi;
        ++observations;
        diffuse = false;
        firstObservation = true;
      } else {
        v = F = kNaN;
      }
    } else {
      const double Ft = P + h;
      if (observed && Ft > 0) {
        v = yt - a;
        F = Ft;
        const double Finv = 1.0 / Ft;
        a += P * Finv * v;
        P *= h * Finv;  // P − P²/F
        logLikelihood -= 0.5 * (kLog2Pi + std::log(Ft) + v * v * Finv);
        ++observations;
      } else {
        if (observed) skippedZeroVariance = true;
        v = observed ? yt - a : kNaN;
        F = observed ? Ft : kNaN;
      }
    }
    filteredState = a;
    filteredVariance = P;
    P += dt * q;
  }
};

}  // namespace

LocalLevelSteps::LocalLevelSteps(std::vector<double> y, const LocalLevelVariances& variances,
                                 std::vector<double> elapsed, const Feedback* feedback)
    : y_(std::move(y)), elapsed_(std::move(elapsed)), h_(variances.observation), q_(variances.level) {
  variances.validate();
  const std::size_t n = y_.size();
  if (!elapsed_.empty() && elapsed_.size() != n)
    throw Error("local level: " + std::to_string(elapsed_.size()) + " elapsed times for a series of " +
                std::to_string(n));
  for (std::size_t t = 0; t < elapsed_.size(); ++t)
    if (!std::isfinite(elapsed_[t]) || elapsed_[t] < 0)
      throw Error("local level: the elapsed time at step " + std::to_string(t + 1) +
                  " is negative or not finite (times must not decrease)");
  for (std::size_t t = 0; t < n; ++t)
    if (std::isinf(y_[t]))
      throw Error("local level: the observation at step " + std::to_string(t + 1) + " is infinite");

  // Forward: the predicted state and variance of every step, kept in r_ and N_ for the backward pass.
  r_.resize(n);
  N_.resize(n);
  ForwardFilter f{h_, q_};
  diffuseSteps_ = static_cast<Eigen::Index>(n);
  for (std::size_t t = 0; t < n; ++t) {
    if (feedback && (t & 0xFFFFF) == 0) feedback->checkCancelled();
    f.step(y_[t], elapsed_.empty() ? 1.0 : elapsed_[t]);
    r_[t] = f.predictedState;
    N_[t] = f.predictedVariance;
    if (f.firstObservation) diffuseSteps_ = static_cast<Eigen::Index>(t + 1);
  }
  logLikelihood_ = f.logLikelihood;
  observations_ = f.observations;
  skippedZeroVariance_ = f.skippedZeroVariance;

  // Backward (D&K eqs. 2.37, 2.42): r_{t−1} = v/F + L r_t, N_{t−1} = 1/F + L² N_t, L = 1 − P/F, each
  // overwriting the step's predicted state and variance once they are read.
  const auto d = static_cast<std::size_t>(diffuseSteps_);
  double r = 0, N = 0;
  for (std::size_t t = n; t-- > d;) {
    if (feedback && (t & 0xFFFFF) == 0) feedback->checkCancelled();
    const double a = r_[t], P = N_[t], F = P + h_;
    if (!std::isnan(y_[t]) && F > 0) {
      const double Finv = 1.0 / F;
      const double L = 1.0 - P * Finv;
      r = (y_[t] - a) * Finv + L * r;
      N = Finv + L * L * N;
    }
    r_[t] = r;
    N_[t] = N;
  }
  // The diffuse step (D&K §5.3 in scalar form, P_∞ = 1): the first observation has K_0 = 1, L_0 = 0,
  // L_1 = σ²ε, so r⁽¹⁾ = v + σ²ε r⁽⁰⁾, N⁽²⁾ = −F_* + σ⁴ε N⁽⁰⁾, N⁽¹⁾ = 1.
  if (observations_ > 0) {
    const double a = r_[d - 1], P = N_[d - 1];
    r1_ = (y_[d - 1] - a) + h_ * r;
    N2_ = -(P + h_) + h_ * h_ * N;
    N1_ = 1.0;
  } else {
    warnings_.push_back("the series has no observed value: the log-likelihood is 0 and the states are the prior");
  }
  if (skippedZeroVariance_)
    warnings_.push_back(
        "some innovation variances are zero (σ²ε = 0 and no elapsed time): "
        "those observations were skipped");
}

void LocalLevelSteps::forEachStep(const std::function<void(const LevelStep&)>& visit) const {
  const auto n = static_cast<Eigen::Index>(y_.size());
  const Eigen::Index d = diffuseSteps_;
  ForwardFilter f{h_, q_};
  auto dt = [&](Eigen::Index t) { return elapsed_.empty() ? 1.0 : elapsed_[t]; };
  LevelStep s;
  for (Eigen::Index t = 0; t < n; ++t) {
    f.step(y_[t], dt(t));
    const double a = f.predictedState, P = f.predictedVariance;
    s.step = t;
    s.value = y_[t];
    // Filtered level: unbounded (NaN) until the first observation.
    const bool bounded = observations_ > 0 && t >= d - 1;
    s.filtered = bounded ? f.filteredState : kNaN;
    s.filteredSd = bounded ? std::sqrt(f.filteredVariance) : kNaN;
    s.innovationStd = (std::isnan(f.v) || !(f.F > 0) || f.firstObservation) ? kNaN : f.v / std::sqrt(f.F);
    // r_t, N_t: the cumulants entering step t from the later steps (0 after the last).
    const double rAfter = t + 1 < n ? r_[t + 1] : 0.0, NAfter = t + 1 < n ? N_[t + 1] : 0.0;
    double eps = 0, epsVar = 0, smoothed = 0, V = 0;
    if (t >= d) {
      if (!std::isnan(f.v) && f.F > 0) {
        const double Finv = 1.0 / f.F;
        const double K = P * Finv;
        eps = h_ * (f.v * Finv - K * rAfter);
        epsVar = h_ * h_ * (Finv + K * K * NAfter);
      }
      smoothed = a + P * r_[t];
      V = P - P * P * N_[t];
    } else {
      if (f.firstObservation) {
        eps = -h_ * rAfter;
        epsVar = h_ * h_ * NAfter;
      }
      const double r = 0, N = 0;  // r⁽⁰⁾, N⁽⁰⁾ before the first observation
      smoothed = a + P * r + r1_;
      V = P - P * P * N - 2.0 * P * N1_ - N2_;
    }
    s.smoothed = smoothed;
    s.smoothedSd = std::sqrt(std::max(0.0, V));
    s.outlierResidual = standardise(eps, epsVar);
    if (t >= d && t >= 1) {
      // η̂_{t−1} = Δ_{t−1} σ²η r_{t−1}, Var = (Δ_{t−1} σ²η)² N_{t−1} (D&K eq. 2.43).
      const double sq = dt(t - 1) * q_;
      s.shiftResidual = standardise(sq * r_[t], sq * sq * N_[t]);
    } else {
      s.shiftResidual = kNaN;
    }
    visit(s);
  }
}

}  // namespace fab::kalman

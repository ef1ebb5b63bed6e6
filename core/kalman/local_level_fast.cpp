#include "core/kalman/local_level_fast.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kLog2Pi = std::log(2.0 * std::numbers::pi);

void checkElapsed(std::span<const double> elapsed, std::size_t n) {
  if (elapsed.empty()) return;
  if (elapsed.size() != n)
    throw Error("local level: " + std::to_string(elapsed.size()) + " elapsed times for a series of " +
                std::to_string(n));
  for (std::size_t t = 0; t < n; ++t)
    if (!std::isfinite(elapsed[t]) || elapsed[t] < 0)
      throw Error("local level: the elapsed time at step " + std::to_string(t + 1) +
                  " is negative or not finite (times must not decrease)");
}

void checkFinite(std::span<const double> y) {
  for (std::size_t t = 0; t < y.size(); ++t)
    if (std::isinf(y[t])) throw Error("local level: the observation at step " + std::to_string(t + 1) + " is infinite");
}

/// Where the filter writes; null pointers when only the likelihood is wanted.
struct Sink {
  double* a = nullptr;   // predicted state
  double* P = nullptr;   // predicted variance
  double* af = nullptr;  // filtered state
  double* Pf = nullptr;  // filtered variance
  double* v = nullptr;
  double* F = nullptr;
  double* M = nullptr;
};

struct FilterSummary {
  double logLikelihood = 0;
  Eigen::Index observations = 0;
  Eigen::Index diffuseSteps = 0;  // steps up to and including the first observation
  bool skippedZeroVariance = false;
};

/// The one filter loop. Store = false compiles the stores away.
template <bool Store>
FilterSummary runFilter(std::span<const double> y, double h, double q, std::span<const double> elapsed, const Sink& out,
                        const Feedback* feedback) {
  const std::size_t n = y.size();
  FilterSummary s;
  double a = 0, P = 0;  // P is the proper part; P_∞ = 1 until the first observation
  std::size_t t = 0;
  // Diffuse period: missing values up to the first observation (D&K §2.9, §5.2).
  for (; t < n; ++t) {
    const double yt = y[t];
    if constexpr (Store) {
      out.a[t] = a;
      out.P[t] = P;
    }
    const bool observed = !std::isnan(yt);
    if (observed) {
      // F_∞ = 1, K_0 = 1: a ← y, P_* ← P_* − 2P_* + F_* = σ²ε; log L gets −½ log 2π (log F_∞ = 0).
      if constexpr (Store) {
        out.v[t] = yt - a;
        out.F[t] = P + h;
        out.M[t] = P;
      }
      a = yt;
      P = h;
      s.logLikelihood -= 0.5 * kLog2Pi;
      ++s.observations;
    } else if constexpr (Store) {
      out.v[t] = kNaN;
      out.F[t] = kNaN;
      out.M[t] = 0;
    }
    if constexpr (Store) {
      out.af[t] = a;
      out.Pf[t] = P;
    }
    P += (elapsed.empty() ? 1.0 : elapsed[t]) * q;
    if (observed) break;
  }
  s.diffuseSteps = static_cast<Eigen::Index>(t < n ? t + 1 : n);
  // Ordinary Kalman filter (D&K eq. 2.15).
  for (++t; t < n; ++t) {
    if (feedback && (t & 0xFFFFF) == 0) feedback->checkCancelled();
    const double yt = y[t];
    if constexpr (Store) {
      out.a[t] = a;
      out.P[t] = P;
    }
    const double F = P + h;
    if (!std::isnan(yt) && F > 0) {
      const double v = yt - a;
      const double Finv = 1.0 / F;
      if constexpr (Store) {
        out.v[t] = v;
        out.F[t] = F;
        out.M[t] = P;
      }
      a += P * Finv * v;
      P *= h * Finv;  // P − P²/F
      s.logLikelihood -= 0.5 * (kLog2Pi + std::log(F) + v * v * Finv);
      ++s.observations;
    } else {
      if (!std::isnan(yt)) s.skippedZeroVariance = true;
      if constexpr (Store) {
        out.v[t] = std::isnan(yt) ? kNaN : yt - a;
        out.F[t] = std::isnan(yt) ? kNaN : F;
        out.M[t] = std::isnan(yt) ? 0.0 : P;
      }
    }
    if constexpr (Store) {
      out.af[t] = a;
      out.Pf[t] = P;
    }
    P += (elapsed.empty() ? 1.0 : elapsed[t]) * q;
  }
  return s;
}

}  // namespace

void LocalLevelVariances::validate() const {
  if (!std::isfinite(observation) || observation < 0 || !std::isfinite(level) || level < 0)
    throw Error("local level: the variances must be finite numbers ≥ 0 (σ²ε = " + std::to_string(observation) +
                ", σ²η = " + std::to_string(level) + ")");
  if (observation == 0 && level == 0)
    throw Error("local level: σ²ε and σ²η are both zero; give at least one positive variance");
}

FilterResult localLevelFilter(std::span<const double> y, const LocalLevelVariances& var,
                              std::span<const double> elapsed, const Feedback* feedback) {
  var.validate();
  checkElapsed(elapsed, y.size());
  checkFinite(y);
  const auto n = static_cast<Eigen::Index>(y.size());
  FilterResult out;
  out.stateDim = out.observationDim = 1;
  out.steps = n;
  for (auto* m : {&out.predictedState, &out.predictedVariance, &out.filteredState, &out.filteredVariance,
                  &out.innovation, &out.innovationVariance, &out.gain})
    m->resize(1, n);
  const Sink sink{
      out.predictedState.data(), out.predictedVariance.data(),  out.filteredState.data(), out.filteredVariance.data(),
      out.innovation.data(),     out.innovationVariance.data(), out.gain.data()};
  const auto s = runFilter<true>(y, var.observation, var.level, elapsed, sink, feedback);
  out.logLikelihood = s.logLikelihood;
  out.observations = s.observations;
  const Eigen::Index d = s.diffuseSteps;
  out.diffuseSteps = d;
  out.diffuseObservations = s.observations > 0 ? 1 : 0;
  out.diffusePredictedVariance = Eigen::MatrixXd::Ones(1, d);
  out.diffuseFilteredVariance = Eigen::MatrixXd::Ones(1, d);
  out.diffuseInnovationVariance = Eigen::MatrixXd::Zero(1, d);
  out.diffuseGain = Eigen::MatrixXd::Zero(1, d);
  if (s.observations > 0) {
    out.diffuseFilteredVariance(0, d - 1) = 0;
    out.diffuseInnovationVariance(0, d - 1) = 1;
    out.diffuseGain(0, d - 1) = 1;
  } else {
    out.warnings.push_back("the series has no observed value: the log-likelihood is 0 and the states are the prior");
  }
  if (s.skippedZeroVariance)
    out.warnings.push_back(
        "some innovation variances are zero (σ²ε = 0 and no elapsed time): "
        "those observations were skipped");
  return out;
}

double localLevelLogLikelihood(std::span<const double> y, const LocalLevelVariances& var,
                               std::span<const double> elapsed) {
  var.validate();
  checkElapsed(elapsed, y.size());
  checkFinite(y);
  return runFilter<false>(y, var.observation, var.level, elapsed, Sink{}, nullptr).logLikelihood;
}

SmootherResult localLevelSmoother(const FilterResult& f, const LocalLevelVariances& var,
                                  std::span<const double> elapsed, const Feedback* feedback) {
  if (f.stateDim != 1 || f.observationDim != 1) throw Error("local level smoother: the filter output is not scalar");
  const Eigen::Index n = f.steps;
  checkElapsed(elapsed, static_cast<std::size_t>(n));
  const double h = var.observation, q = var.level;
  SmootherResult out;
  out.stateDim = out.disturbanceDim = 1;
  for (auto* m : {&out.state, &out.variance, &out.observationDisturbance, &out.observationDisturbanceVariance,
                  &out.stateDisturbance, &out.stateDisturbanceVariance})
    m->resize(1, n);
  const double* a = f.predictedState.data();
  const double* P = f.predictedVariance.data();
  const double* v = f.innovation.data();
  const double* F = f.innovationVariance.data();
  double* as = out.state.data();
  double* V = out.variance.data();
  double* eps = out.observationDisturbance.data();
  double* epsVar = out.observationDisturbanceVariance.data();
  double* eta = out.stateDisturbance.data();
  double* etaVar = out.stateDisturbanceVariance.data();

  // η̂_t = Δ_t σ²η r, Var(η̂_t) = (Δ_t σ²η)² N with r, N after observation t+1 (D&K eq. 2.43).
  auto storeEta = [&](Eigen::Index t, double r, double N) {
    const double sq = (elapsed.empty() ? 1.0 : elapsed[t]) * q;
    eta[t] = sq * r;
    etaVar[t] = sq * sq * N;
  };
  const Eigen::Index d = f.diffuseSteps;
  double r = 0, N = 0;
  if (n > 0) storeEta(n - 1, 0, 0);
  // Ordinary steps (D&K eqs. 2.37, 2.42–2.44): r_{t−1} = v/F + L r_t, N_{t−1} = 1/F + L² N_t, L = 1 − P/F.
  Eigen::Index t = n - 1;
  for (; t >= d; --t) {
    if (feedback && (t & 0xFFFFF) == 0) feedback->checkCancelled();
    if (!std::isnan(v[t]) && F[t] > 0) {
      const double Finv = 1.0 / F[t];
      const double K = P[t] * Finv;
      const double L = 1.0 - K;
      eps[t] = h * (v[t] * Finv - K * r);
      epsVar[t] = h * h * (Finv + K * K * N);
      r = v[t] * Finv + L * r;
      N = Finv + L * L * N;
    } else {
      eps[t] = epsVar[t] = 0;
    }
    as[t] = a[t] + P[t] * r;
    V[t] = P[t] - P[t] * P[t] * N;
    if (t > 0) storeEta(t - 1, r, N);
  }
  // Diffuse steps (D&K §5.3 in scalar form, P_∞ = 1): the first observation has K_0 = 1, L_0 = 0,
  // L_1 = σ²ε, so r⁽¹⁾ = v + σ²ε r⁽⁰⁾, r⁽⁰⁾ = 0, N⁽²⁾ = −F_* + σ⁴ε N⁽⁰⁾, N⁽¹⁾ = 1, N⁽⁰⁾ = 0.
  double r1 = 0, N1 = 0, N2 = 0;
  for (; t >= 0; --t) {
    if (!std::isnan(v[t])) {
      eps[t] = -h * r;
      epsVar[t] = h * h * N;
      r1 = v[t] + h * r;
      N2 = -F[t] + h * h * N;
      N1 = 1.0;
      r = N = 0;
    } else {
      eps[t] = epsVar[t] = 0;
    }
    as[t] = a[t] + P[t] * r + r1;
    V[t] = P[t] - P[t] * P[t] * N - 2.0 * P[t] * N1 - N2;
    if (t > 0) storeEta(t - 1, r, N);
  }
  // Auxiliary residuals in one vectorised pass: x/√Var(x), NaN where the variance is 0.
  auto standardise = [](const Eigen::MatrixXd& x, const Eigen::MatrixXd& var) -> Eigen::MatrixXd {
    return (var.array() > 0).select(x.array() / var.array().sqrt(), kNaN);
  };
  out.observationAuxiliary = standardise(out.observationDisturbance, out.observationDisturbanceVariance);
  out.stateAuxiliary = standardise(out.stateDisturbance, out.stateDisturbanceVariance);
  return out;
}

}  // namespace fab::kalman

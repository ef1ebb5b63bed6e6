#include "core/kalman/kalman_smoother.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// x / √var, NaN when the variance is not positive.
double standardise(double x, double var) { return var > 0 ? x / std::sqrt(var) : kNaN; }

}  // namespace

SmootherResult kalmanSmoother(const StateSpaceModel& model, const FilterResult& f, const Feedback* feedback) {
  const Eigen::Index n = f.steps;
  const Eigen::Index m = f.stateDim;
  const Eigen::Index p = f.observationDim;
  const Eigen::Index r = model.disturbanceDim();
  const Eigen::Index d = f.diffuseSteps;
  if (m != model.stateDim() || p != model.observationDim() || f.predictedState.cols() != n)
    throw Error("Kalman smoother: the filter output does not belong to this model");

  SmootherResult out;
  out.stateDim = m;
  out.disturbanceDim = r;
  out.state.resize(m, n);
  out.variance.resize(m * m, n);
  out.observationDisturbance.resize(p, n);
  out.observationDisturbanceVariance.resize(p, n);
  out.stateDisturbance.resize(r, n);
  out.stateDisturbanceVariance.resize(r, n);
  out.observationAuxiliary.resize(p, n);
  out.stateAuxiliary.resize(r, n);

  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(m, m);
  Eigen::VectorXd r0 = Eigen::VectorXd::Zero(m), r1 = Eigen::VectorXd::Zero(m);
  Eigen::MatrixXd N0 = Eigen::MatrixXd::Zero(m, m), N1 = N0, N2 = N0;
  Eigen::MatrixXd L0(m, m), L1(m, m), QR(r, m), tmp(m, m);
  Eigen::VectorXd K0(m), K1(m);

  auto storeStateDisturbance = [&](Eigen::Index t, const Eigen::VectorXd& rt, const Eigen::MatrixXd& Nt) {
    QR.noalias() = model.scale(t) * model.Q.at(t) * model.R.at(t).transpose();
    out.stateDisturbance.col(t).noalias() = QR * rt;
    for (Eigen::Index j = 0; j < r; ++j) {
      const double var = QR.row(j) * Nt * QR.row(j).transpose();
      out.stateDisturbanceVariance(j, t) = var;
      out.stateAuxiliary(j, t) = standardise(out.stateDisturbance(j, t), var);
    }
  };
  if (n > 0) storeStateDisturbance(n - 1, r0, N0);  // nothing follows the last step: η̂ = 0

  for (Eigen::Index t = n - 1; t >= 0; --t) {
    if (feedback && (t & 0xFFFF) == 0) feedback->checkCancelled();
    const bool inDiffuse = t < d;

    const auto& Z = model.Z.at(t);
    const auto& H = model.H.at(t);
    for (Eigen::Index i = p - 1; i >= 0; --i) {
      const double v = f.innovation(i, t);
      const double F = f.innovationVariance(i, t);
      const double h = H(i, i);
      const double Finf = inDiffuse ? f.diffuseInnovationVariance(i, t) : 0.0;
      if (std::isnan(v) || !(Finf > 0 || F > 0)) {  // missing or skipped: nothing learned from it
        out.observationDisturbance(i, t) = 0;
        out.observationDisturbanceVariance(i, t) = 0;
        out.observationAuxiliary(i, t) = kNaN;
        continue;
      }
      const auto z = Z.row(i);
      const auto M = f.gain.col(t).segment(i * m, m);
      if (Finf > 0) {
        // Exact diffuse smoothing step (D&K §5.3, univariate form): K_0 = M_∞/F_∞,
        // K_1 = (M_* − K_0 F_*)/F_∞, L_0 = I − K_0 z, L_1 = −K_1 z.
        const auto Minf = f.diffuseGain.col(t).segment(i * m, m);
        K0 = Minf / Finf;
        K1 = (M - K0 * F) / Finf;
        L0 = I - K0 * z;
        L1 = -K1 * z;
        // ε̂ = −h K_0' r⁽⁰⁾ and Var(ε̂) = h² K_0' N⁽⁰⁾ K_0: the F⁻¹ terms vanish as F → ∞.
        const double eps = -h * K0.dot(r0);
        const double epsVar = h * h * K0.dot(N0 * K0);
        out.observationDisturbance(i, t) = eps;
        out.observationDisturbanceVariance(i, t) = epsVar;
        out.observationAuxiliary(i, t) = standardise(eps, epsVar);

        r1 = (z.transpose() * (v / Finf) + L0.transpose() * r1 + L1.transpose() * r0).eval();
        r0 = (L0.transpose() * r0).eval();
        tmp = L0.transpose() * N1 * L1;
        N2 = (z.transpose() * z * (-F / (Finf * Finf)) + L0.transpose() * N2 * L0 + tmp + tmp.transpose() +
              L1.transpose() * N0 * L1)
                 .eval();
        tmp = L1.transpose() * N0 * L0;
        N1 = (z.transpose() * z / Finf + L0.transpose() * N1 * L0 + tmp + tmp.transpose()).eval();
        N0 = (L0.transpose() * N0 * L0).eval();
      } else {
        K0 = M / F;
        L0 = I - K0 * z;
        // ε̂ = h (v/F − K'r), Var(ε̂) = h² (1/F + K'NK)  (D&K eqs. 4.65, 4.68, univariate form).
        const double eps = h * (v / F - K0.dot(r0));
        const double epsVar = h * h * (1.0 / F + K0.dot(N0 * K0));
        out.observationDisturbance(i, t) = eps;
        out.observationDisturbanceVariance(i, t) = epsVar;
        out.observationAuxiliary(i, t) = standardise(eps, epsVar);

        r0 = (z.transpose() * (v / F) + L0.transpose() * r0).eval();
        N0 = (z.transpose() * z / F + L0.transpose() * N0 * L0).eval();
        if (inDiffuse) {
          r1 = (L0.transpose() * r1).eval();
          N1 = (L0.transpose() * N1 * L0).eval();
          N2 = (L0.transpose() * N2 * L0).eval();
        }
      }
    }

    // Smoothed state and variance (D&K eqs. 4.44, 4.62; diffuse: eqs. 5.24, 5.29).
    const auto a = f.predictedState.col(t);
    const Eigen::Map<const Eigen::MatrixXd> P(f.predictedVariance.col(t).data(), m, m);
    Eigen::Map<Eigen::MatrixXd> V(out.variance.col(t).data(), m, m);
    if (inDiffuse) {
      const Eigen::Map<const Eigen::MatrixXd> Pinf(f.diffusePredictedVariance.col(t).data(), m, m);
      out.state.col(t) = a + P * r0 + Pinf * r1;
      tmp = Pinf * N1 * P;
      V = P - P * N0 * P - tmp - tmp.transpose() - Pinf * N2 * Pinf;
    } else {
      out.state.col(t) = a + P * r0;
      V = P - P * N0 * P;
    }
    V = (0.5 * (V + V.transpose())).eval();

    if (t > 0) {
      // State disturbance of the move t−1 → t: η̂_{t−1} = s Q R' r, Var(η̂) = s² Q R' N R Q with r, N
      // after observation t (D&K eqs. 4.69, 4.70: r_{t−1} there is r_{t,0} here).
      storeStateDisturbance(t - 1, r0, N0);
      // Back one step: r_{t−1,p} = T_{t−1}' r_{t,0}, N_{t−1,p} = T' N T.
      const auto& T = model.T.at(t - 1);
      r0 = (T.transpose() * r0).eval();
      N0 = (T.transpose() * N0 * T).eval();
      if (t - 1 < d) {
        r1 = (T.transpose() * r1).eval();
        N1 = (T.transpose() * N1 * T).eval();
        N2 = (T.transpose() * N2 * T).eval();
      }
    }
  }
  return out;
}

}  // namespace fab::kalman

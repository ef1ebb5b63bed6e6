#include "core/kalman/kalman_filter.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kLog2Pi = std::log(2.0 * std::numbers::pi);

/// Appends column t of an m×m matrix (column-major) to a growing buffer.
void appendMatrix(std::vector<double>& buffer, const Eigen::MatrixXd& m) {
  buffer.insert(buffer.end(), m.data(), m.data() + m.size());
}

Eigen::MatrixXd toMatrix(const std::vector<double>& buffer, Eigen::Index rows) {
  const Eigen::Index cols = rows == 0 ? 0 : static_cast<Eigen::Index>(buffer.size()) / rows;
  return Eigen::Map<const Eigen::MatrixXd>(buffer.data(), rows, cols);
}

}  // namespace

FilterResult kalmanFilter(const StateSpaceModel& model, const Eigen::Ref<const Eigen::MatrixXd>& y,
                          const Feedback* feedback) {
  const Eigen::Index n = y.cols();
  model.validate(n);
  const Eigen::Index m = model.stateDim();
  const Eigen::Index p = model.observationDim();
  if (y.rows() != p)
    throw Error("Kalman filter: the model observes " + std::to_string(p) + " values per step but the data has " +
                std::to_string(y.rows()));

  FilterResult out;
  out.stateDim = m;
  out.observationDim = p;
  out.steps = n;
  out.predictedState.resize(m, n);
  out.predictedVariance.resize(m * m, n);
  out.filteredState.resize(m, n);
  out.filteredVariance.resize(m * m, n);
  out.innovation.resize(p, n);
  out.innovationVariance.resize(p, n);
  out.gain.resize(m * p, n);

  Eigen::VectorXd a = model.a1;
  Eigen::MatrixXd P = model.P1;  // proper part P_*
  Eigen::MatrixXd Pinf = model.P1Diffuse.size() ? model.P1Diffuse : Eigen::MatrixXd::Zero(m, m);
  const double diffuseTol = 1e-9 * std::max(1.0, Pinf.cwiseAbs().maxCoeff());
  bool diffuse = Pinf.cwiseAbs().maxCoeff() > diffuseTol;
  std::vector<double> dPred, dFilt, dF, dM;  // diffuse-period buffers

  Eigen::VectorXd M(m), Minf(m), K(m), aNext(m);
  Eigen::MatrixXd Pnext(m, m), RQR(m, m);
  double logLik = 0;
  bool zeroVarianceWarned = false;

  for (Eigen::Index t = 0; t < n; ++t) {
    if (feedback && (t & 0xFFFF) == 0) {
      feedback->checkCancelled();
      feedback->report(static_cast<double>(t) / static_cast<double>(n), "Kalman filter");
    }
    out.predictedState.col(t) = a;
    out.predictedVariance.col(t) = Eigen::Map<const Eigen::VectorXd>(P.data(), m * m);
    if (diffuse) appendMatrix(dPred, Pinf);

    const auto& Z = model.Z.at(t);
    const auto& H = model.H.at(t);
    for (Eigen::Index i = 0; i < p; ++i) {
      auto gainCol = out.gain.col(t).segment(i * m, m);
      const double yi = y(i, t);
      if (std::isnan(yi)) {
        out.innovation(i, t) = kNaN;
        out.innovationVariance(i, t) = kNaN;
        gainCol.setZero();
        if (diffuse) {
          dF.push_back(0.0);
          dM.insert(dM.end(), m, 0.0);
        }
        continue;
      }
      if (std::isinf(yi))
        throw Error("Kalman filter: the observation at step " + std::to_string(t + 1) + " is infinite");
      const auto z = Z.row(i);
      const double v = yi - z.dot(a);
      M.noalias() = P * z.transpose();
      const double F = z.dot(M) + H(i, i);
      out.innovation(i, t) = v;
      out.innovationVariance(i, t) = F;
      gainCol = M;
      ++out.observations;

      double Finf = 0;
      if (diffuse) {
        Minf.noalias() = Pinf * z.transpose();
        Finf = z.dot(Minf);
        if (!(Finf > diffuseTol * std::max(1.0, z.squaredNorm()))) {
          Finf = 0;
          Minf.setZero();
        }
        dF.push_back(Finf);
        dM.insert(dM.end(), Minf.data(), Minf.data() + m);
      }
      if (Finf > 0) {
        // Exact diffuse update (D&K §5.2.1, univariate form of eq. 5.12).
        K = Minf / Finf;
        a.noalias() += K * v;
        P.noalias() -= M * K.transpose();
        P.noalias() -= K * M.transpose();
        P.noalias() += (F * K) * K.transpose();
        Pinf.noalias() -= K * Minf.transpose();
        logLik -= 0.5 * (kLog2Pi + std::log(Finf));
        ++out.diffuseObservations;
      } else if (F > 0) {
        K = M / F;
        a.noalias() += K * v;
        P.noalias() -= K * M.transpose();
        logLik -= 0.5 * (kLog2Pi + std::log(F) + v * v / F);
      } else {
        // A zero-variance innovation carries no information about the state.
        --out.observations;
        if (!zeroVarianceWarned)
          out.warnings.push_back("step " + std::to_string(t + 1) +
                                 ": the innovation variance is zero (no observation noise and a known state); "
                                 "such observations were skipped");
        zeroVarianceWarned = true;
      }
    }
    P = 0.5 * (P + P.transpose()).eval();
    out.filteredState.col(t) = a;
    out.filteredVariance.col(t) = Eigen::Map<const Eigen::VectorXd>(P.data(), m * m);
    if (diffuse) {
      appendMatrix(dFilt, Pinf);
      out.diffuseSteps = t + 1;
      if (Pinf.cwiseAbs().maxCoeff() <= diffuseTol) {
        Pinf.setZero();
        diffuse = false;
      }
    }

    // Prediction: a_{t+1} = T a_{t|t}, P_{t+1} = T P_{t|t} T' + s_t R Q R'  (D&K eq. 4.24).
    const auto& T = model.T.at(t);
    const auto& R = model.R.at(t);
    aNext.noalias() = T * a;
    a.swap(aNext);
    Pnext.noalias() = T * P * T.transpose();
    RQR.noalias() = R * model.Q.at(t) * R.transpose();
    P = Pnext + model.scale(t) * RQR;
    if (diffuse) Pinf = (T * Pinf * T.transpose()).eval();
  }

  const Eigen::Index d = out.diffuseSteps;
  out.diffusePredictedVariance = toMatrix(dPred, m * m).leftCols(d);
  out.diffuseFilteredVariance = toMatrix(dFilt, m * m).leftCols(d);
  out.diffuseInnovationVariance = toMatrix(dF, p).leftCols(d);
  out.diffuseGain = toMatrix(dM, m * p).leftCols(d);
  out.logLikelihood = logLik;
  if (out.observations == 0)
    out.warnings.push_back("the series has no observed value: the log-likelihood is 0 and the states are the prior");
  else if (diffuse)
    out.warnings.push_back(
        "the series ends before the diffuse initial state is identified (too few observations "
        "for the model): states and variances stay partly unknown");
  if (feedback) feedback->report(1.0, "Kalman filter");
  return out;
}

FilterResult kalmanFilter(const StateSpaceModel& model, std::span<const double> y, const Feedback* feedback) {
  const Eigen::Map<const Eigen::MatrixXd> Y(y.data(), 1, static_cast<Eigen::Index>(y.size()));
  return kalmanFilter(model, Y, feedback);
}

}  // namespace fab::kalman

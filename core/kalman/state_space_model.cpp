#include "core/kalman/state_space_model.h"

#include <cmath>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

std::string shape(Eigen::Index r, Eigen::Index c) { return std::to_string(r) + "×" + std::to_string(c); }

void checkShape(const SystemMatrix& M, const char* name, Eigen::Index rows, Eigen::Index cols, Eigen::Index steps) {
  if (M.empty()) throw Error(std::string("state-space model: matrix ") + name + " is missing");
  if (M.count() != 1 && M.count() < steps)
    throw Error(std::string("state-space model: ") + name + " is given for " + std::to_string(M.count()) +
                " steps but the series has " + std::to_string(steps) + " (give one matrix, or one per step)");
  for (Eigen::Index t = 0; t < M.count(); ++t) {
    const auto& m = M.at(t);
    if (m.rows() != rows || m.cols() != cols)
      throw Error(std::string("state-space model: ") + name + " must be " + shape(rows, cols) + ", got " +
                  shape(m.rows(), m.cols()) + (M.timeInvariant() ? "" : " at step " + std::to_string(t + 1)));
    if (!m.allFinite())
      throw Error(std::string("state-space model: ") + name + " has a non-finite entry" +
                  (M.timeInvariant() ? "" : " at step " + std::to_string(t + 1)));
  }
}

/// Symmetric and positive semi-definite within rounding (eigenvalues ≥ −1e-10·max|eigenvalue|).
bool isCovariance(const Eigen::MatrixXd& m) {
  const double scale = std::max(1.0, m.cwiseAbs().maxCoeff());
  if ((m - m.transpose()).cwiseAbs().maxCoeff() > 1e-10 * scale) return false;
  if (m.rows() == 0) return true;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(m, Eigen::EigenvaluesOnly);
  return eig.eigenvalues().minCoeff() >= -1e-10 * scale;
}

void checkCovariance(const SystemMatrix& M, const char* name) {
  for (Eigen::Index t = 0; t < M.count(); ++t)
    if (!isCovariance(M.at(t)))
      throw Error(std::string("state-space model: ") + name +
                  " must be a covariance (symmetric, no negative variance)" +
                  (M.timeInvariant() ? "" : " at step " + std::to_string(t + 1)));
}

}  // namespace

Eigen::Index StateSpaceModel::diffuseCount() const {
  if (P1Diffuse.size() == 0) return 0;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(P1Diffuse, Eigen::EigenvaluesOnly);
  const double tol = 1e-10 * std::max(1.0, eig.eigenvalues().cwiseAbs().maxCoeff());
  return (eig.eigenvalues().array() > tol).count();
}

void StateSpaceModel::validate(Eigen::Index steps) const {
  const Eigen::Index m = T.rows();
  const Eigen::Index p = Z.rows();
  const Eigen::Index r = Q.rows();
  if (m == 0) throw Error("state-space model: the state has no component (T is empty)");
  if (p == 0) throw Error("state-space model: there is no observation (Z has no row)");
  checkShape(T, "T", m, m, steps);
  checkShape(Z, "Z", p, m, steps);
  checkShape(H, "H", p, p, steps);
  checkShape(Q, "Q", r, r, steps);
  checkShape(R, "R", m, r, steps);
  checkCovariance(H, "H");
  checkCovariance(Q, "Q");
  for (Eigen::Index t = 0; t < H.count(); ++t) {
    const auto& h = H.at(t);
    if ((h - Eigen::MatrixXd(h.diagonal().asDiagonal())).cwiseAbs().maxCoeff() > 0)
      throw Error(
          "state-space model: H must be diagonal (observations are filtered one at a time, D&K §6.4); "
          "transform correlated observations first");
  }
  if (a1.size() != m || !a1.allFinite())
    throw Error("state-space model: a1 must be a finite vector of " + std::to_string(m) + " initial state means");
  if (P1.rows() != m || P1.cols() != m || !P1.allFinite() || !isCovariance(P1))
    throw Error("state-space model: P1 must be an " + shape(m, m) + " covariance of the initial state");
  if (P1Diffuse.size() != 0 &&
      (P1Diffuse.rows() != m || P1Diffuse.cols() != m || !P1Diffuse.allFinite() || !isCovariance(P1Diffuse)))
    throw Error("state-space model: P1Diffuse must be an " + shape(m, m) +
                " positive semi-definite matrix selecting the diffuse initial states");
  if (noiseScale.size() != 0) {
    if (noiseScale.size() != steps)
      throw Error("state-space model: the noise scale has " + std::to_string(noiseScale.size()) +
                  " entries for a series of " + std::to_string(steps));
    for (Eigen::Index t = 0; t < steps; ++t)
      if (!std::isfinite(noiseScale[t]) || noiseScale[t] < 0)
        throw Error("state-space model: the elapsed-time scale at step " + std::to_string(t + 1) +
                    " is negative or not finite (times must not decrease)");
  }
}

}  // namespace fab::kalman

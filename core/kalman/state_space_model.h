#pragma once
// The linear Gaussian state-space model of Durbin & Koopman, "Time Series
// Analysis by State Space Methods" (2nd ed., 2012), §3.1, eq. (3.1):
//
//   y_t     = Z_t α_t + ε_t,        ε_t ~ N(0, H_t)          (p observations)
//   α_{t+1} = T_t α_t + R_t η_t,    η_t ~ N(0, s_t Q_t)      (m states, r disturbances)
//   α_1     ~ N(a_1, P_1),          P_1 = P_{*,1} + κ P_{∞,1},  κ → ∞
//
// P_{∞,1} selects the nonstationary (diffuse) part of the initial state
// (D&K §5.1, eq. 5.2); the filter treats it exactly (D&K §5.2). s_t ≥ 0 is an
// optional per-step multiplier of the state noise: the elapsed time between
// observations t and t+1 in units of the typical spacing (1 for equally spaced
// data). Steps are 0-based in the code: step t is row t of the series.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace fab::kalman {

/// A system matrix that is either the same at every step (time-invariant) or
/// given once per step.
class SystemMatrix {
 public:
  SystemMatrix() = default;
  /// Time-invariant.
  SystemMatrix(Eigen::MatrixXd constant) : perStep_{std::move(constant)} {}  // NOLINT(implicit)
  template <typename Derived>
  SystemMatrix(const Eigen::MatrixBase<Derived>& constant) : perStep_{Eigen::MatrixXd(constant)} {}  // NOLINT
  /// One matrix per step; all must have the same shape.
  explicit SystemMatrix(std::vector<Eigen::MatrixXd> perStep) : perStep_(std::move(perStep)) {}

  const Eigen::MatrixXd& at(Eigen::Index t) const {
    return perStep_.size() == 1 ? perStep_.front() : perStep_[static_cast<std::size_t>(t)];
  }
  bool empty() const { return perStep_.empty(); }
  bool timeInvariant() const { return perStep_.size() == 1; }
  /// Number of matrices held: 1 when time-invariant.
  Eigen::Index count() const { return static_cast<Eigen::Index>(perStep_.size()); }
  Eigen::Index rows() const { return perStep_.empty() ? 0 : perStep_.front().rows(); }
  Eigen::Index cols() const { return perStep_.empty() ? 0 : perStep_.front().cols(); }
  const std::vector<Eigen::MatrixXd>& matrices() const { return perStep_; }

 private:
  std::vector<Eigen::MatrixXd> perStep_;
};

struct StateSpaceModel {
  SystemMatrix Z;      ///< p × m observation matrix
  SystemMatrix H;      ///< p × p observation noise covariance; must be diagonal (univariate treatment, D&K §6.4)
  SystemMatrix T;      ///< m × m transition matrix
  SystemMatrix R;      ///< m × r disturbance selection matrix
  SystemMatrix Q;      ///< r × r state disturbance covariance
  Eigen::VectorXd a1;  ///< m initial state mean
  Eigen::MatrixXd P1;  ///< m × m proper part P_{*,1} of the initial variance
  Eigen::MatrixXd P1Diffuse;   ///< m × m diffuse part P_{∞,1} (zero matrix: no diffuse state)
  Eigen::VectorXd noiseScale;  ///< s_t per step (empty: all 1); s_t multiplies Q_t for the move t → t+1

  Eigen::Index stateDim() const { return T.rows(); }
  Eigen::Index observationDim() const { return Z.rows(); }
  Eigen::Index disturbanceDim() const { return Q.rows(); }
  double scale(Eigen::Index t) const { return noiseScale.size() == 0 ? 1.0 : noiseScale[t]; }
  /// Number of diffuse initial states: rank of P_{∞,1}.
  Eigen::Index diffuseCount() const;

  /// Checks shapes, symmetry and semi-definiteness of the covariances, a
  /// diagonal H, and that per-step matrices cover `steps` steps. Throws
  /// fab::Error with a message naming the offending matrix.
  void validate(Eigen::Index steps) const;
};

}  // namespace fab::kalman

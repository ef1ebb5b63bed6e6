#pragma once
// Brute-force dense Gaussian computations for small state-space problems, to
// check the recursive filter and smoother against an independent answer.
//
// Every quantity of the model is a linear function w = G u + B β + c of
//   u = (α_1 − a_1 proper part, η_0 … η_{n−2}, ε_0 … ε_{n−1}) ~ N(0, Σ_u) (block diagonal), and
//   β ~ N(0, κ I_q), the diffuse part of α_1 = a_1 + u_α + A β with P_∞ = A A'.
// With y = G_y u + B_y β + c_y and S = G_y Σ_u G_y', letting κ → ∞ gives the
// generalised-least-squares forms (the "diffuse" limit of D&K §5.1, §7.2.2):
//   log L_d = −(N/2) log 2π − ½ log|S| − ½ log|B_y'S⁻¹B_y| − ½ e'(S⁻¹ − S⁻¹B_y(B_y'S⁻¹B_y)⁻¹B_y'S⁻¹)e
//   E(w|y)  = c + B β̂ + C S⁻¹ (e − B_y β̂),       β̂ = (B_y'S⁻¹B_y)⁻¹ B_y'S⁻¹ e
//   Var(w|y) = G Σ_u G' − C S⁻¹ C' + (B − C S⁻¹ B_y)(B_y'S⁻¹B_y)⁻¹(B − C S⁻¹ B_y)',   C = G Σ_u G_y'
// where e = y − c_y. Everything is dense and O(n³): for a few dozen steps only.
#include <Eigen/Dense>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/kalman/state_space_model.h"

namespace fab::kalman::test {

struct LinearForm {
  Eigen::MatrixXd G;  ///< rows × dim(u)
  Eigen::MatrixXd B;  ///< rows × q
  Eigen::VectorXd c;
};

class DenseGaussian {
 public:
  DenseGaussian(const StateSpaceModel& model, const Eigen::MatrixXd& y) : model_(model), y_(y) {
    const Eigen::Index n = y.cols(), m = model.stateDim(), p = model.observationDim(), r = model.disturbanceDim();
    const Eigen::Index dimU = m + (n - 1) * r + n * p;
    // Diffuse directions: P_∞ = A A' from its eigen-decomposition.
    Eigen::MatrixXd Pinf = model.P1Diffuse.size() ? model.P1Diffuse : Eigen::MatrixXd::Zero(m, m);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Pinf);
    std::vector<Eigen::Index> keep;
    for (Eigen::Index j = 0; j < m; ++j)
      if (eig.eigenvalues()[j] > 1e-12) keep.push_back(j);
    const Eigen::Index q = static_cast<Eigen::Index>(keep.size());
    Eigen::MatrixXd A(m, q);
    for (Eigen::Index j = 0; j < q; ++j)
      A.col(j) = eig.eigenvectors().col(keep[j]) * std::sqrt(eig.eigenvalues()[keep[j]]);

    sigmaU_ = Eigen::MatrixXd::Zero(dimU, dimU);
    sigmaU_.topLeftCorner(m, m) = model.P1;
    for (Eigen::Index t = 0; t + 1 < n; ++t)
      sigmaU_.block(etaIndex(t), etaIndex(t), r, r) = model.scale(t) * model.Q.at(t);
    for (Eigen::Index t = 0; t < n; ++t) sigmaU_.block(epsIndex(t), epsIndex(t), p, p) = model.H.at(t);

    LinearForm alpha{Eigen::MatrixXd::Zero(m, dimU), A, model.a1};
    alpha.G.leftCols(m).setIdentity();
    std::vector<Eigen::Index> obsRows;
    for (Eigen::Index t = 0; t < n; ++t) {
      states_.push_back(alpha);
      LinearForm eps{Eigen::MatrixXd::Zero(p, dimU), Eigen::MatrixXd::Zero(p, q), Eigen::VectorXd::Zero(p)};
      eps.G.middleCols(epsIndex(t), p).setIdentity();
      epsForms_.push_back(eps);
      const auto& Z = model.Z.at(t);
      for (Eigen::Index i = 0; i < p; ++i) {
        if (std::isnan(y(i, t))) continue;
        obs_.G.conservativeResize(obs_.G.rows() + 1, dimU);
        obs_.B.conservativeResize(obs_.B.rows() + 1, q);
        obs_.c.conservativeResize(obs_.c.rows() + 1);
        obs_.G.bottomRows(1) = Z.row(i) * alpha.G + eps.G.row(i);
        if (q > 0) obs_.B.bottomRows(1) = Z.row(i) * alpha.B;  // an empty block of a 0-column matrix is UB in Eigen
        obs_.c.tail(1) = Z.row(i) * alpha.c;
        yObs_.conservativeResize(yObs_.size() + 1);
        yObs_.tail(1)[0] = y(i, t);
      }
      if (t + 1 < n) {
        LinearForm eta{Eigen::MatrixXd::Zero(r, dimU), Eigen::MatrixXd::Zero(r, q), Eigen::VectorXd::Zero(r)};
        eta.G.middleCols(etaIndex(t), r).setIdentity();
        etaForms_.push_back(eta);
        const auto& T = model.T.at(t);
        const auto& R = model.R.at(t);
        alpha = LinearForm{T * alpha.G + R * eta.G, T * alpha.B, T * alpha.c};
      }
    }
    if (obs_.B.cols() != q) obs_.B.resize(obs_.G.rows(), q);
    S_ = obs_.G * sigmaU_ * obs_.G.transpose();
    llt_.compute(S_);
    e_ = yObs_ - obs_.c;
    // Without diffuse states (q = 0) the B terms are empty; Eigen's solvers
    // and products on 0-column matrices touch null data, so skip them.
    if (q > 0) {
      SinvB_ = llt_.solve(obs_.B);
      BtSinvB_ = obs_.B.transpose() * SinvB_;
      beta_ = BtSinvB_.ldlt().solve(SinvB_.transpose() * e_);
    }
  }

  double logLikelihood() const {
    const double N = static_cast<double>(yObs_.size());
    const Eigen::MatrixXd L = llt_.matrixL();
    const double logDetS = 2.0 * L.diagonal().array().log().sum();
    double logDetB = 0;
    if (BtSinvB_.size()) {
      const Eigen::LLT<Eigen::MatrixXd> lb(BtSinvB_);
      const Eigen::MatrixXd Lb = lb.matrixL();
      logDetB = 2.0 * Lb.diagonal().array().log().sum();
    }
    const Eigen::VectorXd resid = beta_.size() ? Eigen::VectorXd(e_ - obs_.B * beta_) : e_;
    const double quad = resid.dot(llt_.solve(resid));
    return -0.5 * N * std::log(2.0 * std::numbers::pi) - 0.5 * logDetS - 0.5 * logDetB - 0.5 * quad;
  }

  Eigen::VectorXd mean(const LinearForm& w) const {
    const Eigen::MatrixXd C = w.G * sigmaU_ * obs_.G.transpose();
    if (!beta_.size()) return w.c + C * llt_.solve(e_);
    return w.c + w.B * beta_ + C * llt_.solve(e_ - obs_.B * beta_);
  }
  Eigen::MatrixXd variance(const LinearForm& w) const {
    const Eigen::MatrixXd C = w.G * sigmaU_ * obs_.G.transpose();
    Eigen::MatrixXd V = w.G * sigmaU_ * w.G.transpose() - C * llt_.solve(C.transpose());
    if (beta_.size()) {
      const Eigen::MatrixXd D = w.B - C * SinvB_;
      V += D * BtSinvB_.ldlt().solve(D.transpose());
    }
    return V;
  }

  const LinearForm& state(Eigen::Index t) const { return states_[static_cast<std::size_t>(t)]; }
  const LinearForm& observationNoise(Eigen::Index t) const { return epsForms_[static_cast<std::size_t>(t)]; }
  const LinearForm& stateNoise(Eigen::Index t) const { return etaForms_[static_cast<std::size_t>(t)]; }

 private:
  Eigen::Index etaIndex(Eigen::Index t) const { return model_.stateDim() + t * model_.disturbanceDim(); }
  Eigen::Index epsIndex(Eigen::Index t) const {
    return model_.stateDim() + (y_.cols() - 1) * model_.disturbanceDim() + t * model_.observationDim();
  }

  const StateSpaceModel& model_;
  Eigen::MatrixXd y_;
  Eigen::MatrixXd sigmaU_, S_, SinvB_, BtSinvB_;
  LinearForm obs_;
  Eigen::VectorXd yObs_, e_, beta_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  std::vector<LinearForm> states_, epsForms_, etaForms_;
};

}  // namespace fab::kalman::test

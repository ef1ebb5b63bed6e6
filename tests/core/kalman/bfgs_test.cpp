#include "core/kalman/bfgs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

TEST(Bfgs, MinimisesRosenbrock) {
  // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1) (N&W §2.1).
  const Objective f = [](const Eigen::VectorXd& x) {
    return std::pow(1 - x[0], 2) + 100 * std::pow(x[1] - x[0] * x[0], 2);
  };
  const auto r = minimizeBfgs(f, Eigen::Vector2d(-1.2, 1.0));
  EXPECT_TRUE(r.converged) << r.message;
  EXPECT_NEAR(r.x[0], 1.0, 1e-4);
  EXPECT_NEAR(r.x[1], 1.0, 1e-4);
  EXPECT_LT(r.value, 1e-8);
}

TEST(Bfgs, QuadraticMinimumAndDerivatives) {
  Eigen::Matrix3d A;
  A << 4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2;
  const Eigen::Vector3d c(1.0, -2.0, 0.5);
  const Objective f = [&](const Eigen::VectorXd& x) { return 0.5 * (x - c).dot(A * (x - c)) + 7.0; };
  const auto r = minimizeBfgs(f, Eigen::Vector3d::Zero());
  EXPECT_TRUE(r.converged);
  EXPECT_LT((r.x - c).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_NEAR(r.value, 7.0, 1e-10);
  const Eigen::Vector3d x(0.3, 0.1, -0.4);
  EXPECT_LT((numericalGradient(f, x) - A * (x - c)).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT((numericalHessian(f, x) - A).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(Bfgs, BacksOffInfeasiblePoints) {
  // log barrier: f = x − log x is +inf/NaN for x ≤ 0, minimum at x = 1.
  const Objective f = [](const Eigen::VectorXd& x) {
    return x[0] > 0 ? x[0] - std::log(x[0]) : std::numeric_limits<double>::quiet_NaN();
  };
  const auto r = minimizeBfgs(f, Eigen::VectorXd::Constant(1, 5.0));
  EXPECT_NEAR(r.x[0], 1.0, 1e-5);
}

TEST(Bfgs, RefusesANonFiniteStartAndBadOptions) {
  const Objective f = [](const Eigen::VectorXd&) { return std::numeric_limits<double>::infinity(); };
  EXPECT_THROW(minimizeBfgs(f, Eigen::VectorXd::Zero(1)), Error);
  BfgsOptions bad;
  bad.maxIterations = 0;
  EXPECT_THROW(minimizeBfgs([](const Eigen::VectorXd& x) { return x.squaredNorm(); }, Eigen::VectorXd::Zero(1), bad),
               Error);
}

}  // namespace
}  // namespace fab::kalman

// The overlay model on synthetic wafers: 26 × 33 mm fields over a 300 mm
// wafer, five targets per field, a planted model with and without Gaussian
// noise (fixed seed). Exact recovery without noise; recovery within four
// standard errors with noise; the standard errors against σ̂²(XᵀX)⁻¹ formed
// here from the normal equations (independently of the QR the fit uses).
#include "core/overlay/overlay_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <map>
#include <random>

#include "core/common/error.h"

namespace fab::overlay {
namespace {

using ::testing::HasSubstr;

const std::map<std::string, double> kPlanted = {{"Tx", 2.1},  {"Ty", -1.3}, {"Mx", 0.35},  {"My", -0.22}, {"Rx", 0.18},
                                                {"Ry", 0.27}, {"mfx", 1.2}, {"mfy", -0.8}, {"rfx", 0.6},  {"rfy", 0.9}};

class Normal {
 public:
  explicit Normal(std::uint64_t seed) : engine_(seed) {}
  double operator()() {
    const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979323846 * u2);
  }

 private:
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  std::mt19937_64 engine_;
};

/// Targets at the centre and four corners of every whole field inside 147 mm.
std::vector<OverlaySite> layout() {
  std::vector<OverlaySite> sites;
  const double w = 26, h = 33;
  for (int i = -6; i <= 6; ++i)
    for (int j = -5; j <= 5; ++j) {
      const double cx = i * w, cy = j * h;
      if (std::hypot(std::fabs(cx) + w / 2, std::fabs(cy) + h / 2) > 147) continue;
      for (auto [fx, fy] : {std::pair{0.0, 0.0}, {11.0, 14.5}, {-11.0, 14.5}, {11.0, -14.5}, {-11.0, -14.5}}) {
        OverlaySite s;
        s.x = cx + fx, s.y = cy + fy, s.fieldX = fx, s.fieldY = fy;
        sites.push_back(s);
      }
    }
  return sites;
}

void plant(std::vector<OverlaySite>& sites, double noise, std::uint64_t seed) {
  Normal n(seed);
  const auto& p = kPlanted;
  for (auto& s : sites) {
    s.dx = p.at("Tx") + p.at("Mx") * s.x - p.at("Rx") * s.y + p.at("mfx") * s.fieldX - p.at("rfx") * s.fieldY +
           noise * n();
    s.dy = p.at("Ty") + p.at("My") * s.y + p.at("Ry") * s.x + p.at("mfy") * s.fieldY + p.at("rfy") * s.fieldX +
           noise * n();
  }
}

TEST(OverlayModel, ExactRecoveryWithoutNoise) {
  auto sites = layout();
  plant(sites, 0, 1);
  const auto fit = fitOverlay(sites);
  EXPECT_GT(fit.sites, 200u);
  for (const auto& [name, value] : kPlanted) EXPECT_NEAR(fit.term(name).value, value, 1e-9) << name;
  EXPECT_NEAR(fit.residualX.sd, 0, 1e-9);
  EXPECT_NEAR(fit.term("magnification_symmetric").value, (0.35 - 0.22) / 2, 1e-9);
  EXPECT_NEAR(fit.term("magnification_asymmetric").value, (0.35 + 0.22) / 2, 1e-9);
  EXPECT_NEAR(fit.term("rotation_symmetric").value, (0.18 + 0.27) / 2, 1e-9);
  EXPECT_NEAR(fit.term("non_orthogonality").value, 0.18 - 0.27, 1e-9);
  EXPECT_NEAR(fit.term("field_rotation_asymmetric").value, (0.6 - 0.9) / 2, 1e-9);
}

TEST(OverlayModel, NoisyRecoveryWithinStandardErrors) {
  auto sites = layout();
  plant(sites, 1.5, 20261207);
  const auto fit = fitOverlay(sites);
  for (const auto& [name, value] : kPlanted) {
    const auto& t = fit.term(name);
    EXPECT_LT(std::fabs(t.value - value), 4 * t.standardError) << name << " " << t.value << " ± " << t.standardError;
  }
  // Residual SD estimates the planted noise (n ≈ 300: within about 10 %).
  EXPECT_NEAR(fit.residualX.sd, 1.5, 0.15);
  EXPECT_NEAR(fit.residualY.sd, 1.5, 0.15);
  EXPECT_NEAR(fit.residualX.mean, 0, 1e-9);  // an intercept makes the residuals sum to zero
  EXPECT_NEAR(fit.residualX.mean3Sigma, std::fabs(fit.residualX.mean) + 3 * fit.residualX.sd, 1e-12);
  ASSERT_EQ(fit.residuals.size(), sites.size());
  EXPECT_NEAR(fit.residuals[7].modelDx + fit.residuals[7].residualDx, sites[7].dx, 1e-9);
}

// SE(β) = σ̂ √((XᵀX)⁻¹)ⱼⱼ, σ̂² = RSS/(n − k), X the dx design [1, x, −y, fx, −fy].
TEST(OverlayModel, StandardErrorsMatchTheClosedForm) {
  auto sites = layout();
  plant(sites, 1.0, 7);
  const auto fit = fitOverlay(sites);
  const auto n = static_cast<Eigen::Index>(sites.size());
  Eigen::MatrixXd x(n, 5);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& s = sites[static_cast<std::size_t>(i)];
    x.row(i) << 1, s.x, -s.y, s.fieldX, -s.fieldY;
    y(i) = s.dx;
  }
  const Eigen::MatrixXd xtx = x.transpose() * x;
  const Eigen::VectorXd beta = xtx.ldlt().solve(x.transpose() * y);
  const double s2 = (y - x * beta).squaredNorm() / static_cast<double>(n - 5);
  const Eigen::MatrixXd inv = xtx.inverse();
  const char* names[] = {"Tx", "Mx", "Rx", "mfx", "rfx"};
  for (int j = 0; j < 5; ++j) {
    EXPECT_NEAR(fit.term(names[j]).value, beta(j), 1e-9) << names[j];
    EXPECT_NEAR(fit.term(names[j]).standardError, std::sqrt(s2 * inv(j, j)), 1e-9 * std::sqrt(s2 * inv(j, j)))
        << names[j];
  }
  EXPECT_EQ(fit.residualX.dof, sites.size() - 5);
  // Derived: (Mx + My)/2 with the axes independent.
  EXPECT_NEAR(fit.term("magnification_symmetric").standardError,
              std::hypot(fit.term("Mx").standardError, fit.term("My").standardError) / 2, 1e-15);
}

TEST(OverlayModel, ThirdOrderWaferRecovery) {
  auto sites = layout();
  // dx gains 4e-5·x²y − 2e-5·y² + 3e-7·x³ (nm, x in mm); dy gains 5e-5·xy − 1e-7·y³.
  auto add = [](std::vector<OverlaySite>& v) {
    for (auto& s : v) {
      s.dx += 4e-5 * s.x * s.x * s.y - 2e-5 * s.y * s.y + 3e-7 * s.x * s.x * s.x;
      s.dy += 5e-5 * s.x * s.y - 1e-7 * s.y * s.y * s.y;
    }
  };
  plant(sites, 0, 1);
  add(sites);
  OverlayOptions o;
  o.waferOrder = 3;
  const auto exact = fitOverlay(sites, o);
  EXPECT_EQ(exact.dxTerms.size(), 3u + 7u + 2u);  // 1, x, y; 3 of order 2; 4 of order 3; 2 field
  EXPECT_NEAR(exact.term("dx:x^2y^1").value, 4e-5, 1e-12);
  EXPECT_NEAR(exact.term("dx:x^0y^2").value, -2e-5, 1e-12);
  EXPECT_NEAR(exact.term("dx:x^3y^0").value, 3e-7, 1e-14);
  EXPECT_NEAR(exact.term("dx:x^1y^1").value, 0, 1e-12);
  EXPECT_NEAR(exact.term("dy:x^1y^1").value, 5e-5, 1e-12);
  EXPECT_NEAR(exact.term("dy:x^0y^3").value, -1e-7, 1e-14);
  for (const auto& [name, value] : kPlanted) EXPECT_NEAR(exact.term(name).value, value, 1e-9) << name;
  EXPECT_EQ(exact.term("dx:x^3y^0").unit, "nm/mm³");

  auto noisy = layout();
  plant(noisy, 1.0, 99);
  add(noisy);
  const auto fit = fitOverlay(noisy, o);
  for (const auto& [name, value] : std::map<std::string, double>{
           {"dx:x^2y^1", 4e-5}, {"dy:x^1y^1", 5e-5}, {"dy:x^0y^3", -1e-7}, {"Mx", 0.35}, {"mfy", -0.8}})
    EXPECT_LT(std::fabs(fit.term(name).value - value), 4 * fit.term(name).standardError) << name;
}

TEST(OverlayModel, RefusesWhatItCannotIdentify) {
  auto sites = layout();
  plant(sites, 0.5, 3);
  auto sameField = sites;
  for (auto& s : sameField) s.fieldX = 0, s.fieldY = 0;
  EXPECT_THAT([&] { fitOverlay(sameField); }, ::testing::ThrowsMessage<Error>(HasSubstr("same field x position")));
  const std::vector<OverlaySite> few(sites.begin(), sites.begin() + 5);
  EXPECT_THAT([&] { fitOverlay(few); }, ::testing::ThrowsMessage<Error>(HasSubstr("at least 6 measured sites")));
  // Every site on one row of fields' centre line: y = fy, so −Rx·y and −rfx·fy coincide.
  auto line = sites;
  for (auto& s : line) s.y = s.fieldY;
  EXPECT_THAT([&] { fitOverlay(line); }, ::testing::ThrowsMessage<Error>(HasSubstr("apart from the other terms")));
  // Without field positions the wafer-only model still fits.
  OverlayOptions waferOnly;
  waferOnly.intrafield = false;
  EXPECT_EQ(fitOverlay(sameField, waferOnly).dxTerms.size(), 3u);
  OverlayOptions bad;
  bad.waferOrder = 4;
  EXPECT_THROW(fitOverlay(sites, bad), Error);
}

TEST(OverlayModel, IncompleteSitesAreLeftOut) {
  auto sites = layout();
  plant(sites, 0, 1);
  sites[3].dy = std::numeric_limits<double>::quiet_NaN();
  const auto fit = fitOverlay(sites);
  EXPECT_EQ(fit.sites, sites.size() - 1);
  EXPECT_THAT(fit.notes[0], HasSubstr("1 sites"));
}

}  // namespace
}  // namespace fab::overlay

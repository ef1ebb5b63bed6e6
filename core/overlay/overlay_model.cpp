#include "core/overlay/overlay_model.h"

#include <Eigen/Dense>
#include <cmath>

#include "core/common/error.h"
#include "core/common/number_text.h"

namespace fab::overlay {
namespace {

/// One column of a design: its term and how to compute it from a site.
struct Column {
  ModelTerm term;
  double (*value)(const OverlaySite&, int, int);
  int i = 0, j = 0;  ///< powers of x and y for a polynomial column
};

double one(const OverlaySite&, int, int) { return 1; }
double monomial(const OverlaySite& s, int i, int j) { return std::pow(s.x, i) * std::pow(s.y, j); }
double minusY(const OverlaySite& s, int, int) { return -s.y; }
double fieldX(const OverlaySite& s, int, int) { return s.fieldX; }
double fieldY(const OverlaySite& s, int, int) { return s.fieldY; }
double minusFieldY(const OverlaySite& s, int, int) { return -s.fieldY; }

std::string unitOfOrder(int order) { return order == 2 ? "nm/mm²" : "nm/mm³"; }

/// dx: Tx, Mx·x, −Rx·y, higher xⁱyʲ, mfx·fx, −rfx·fy.
/// dy: Ty, My·y, Ry·x, higher xⁱyʲ, mfy·fy, rfy·fx.
std::vector<Column> design(bool xAxis, const OverlayOptions& o) {
  const std::string a = xAxis ? "x" : "y";
  std::vector<Column> c;
  c.push_back({{"T" + a, "nm"}, one});
  if (xAxis) {
    c.push_back({{"Mx", "ppm"}, monomial, 1, 0});
    c.push_back({{"Rx", "µrad"}, minusY});
  } else {
    c.push_back({{"My", "ppm"}, monomial, 0, 1});
    c.push_back({{"Ry", "µrad"}, monomial, 1, 0});
  }
  for (int order = 2; order <= o.waferOrder; ++order)
    for (int i = order; i >= 0; --i) {
      const int j = order - i;
      c.push_back(
          {{"d" + a + ":x^" + std::to_string(i) + "y^" + std::to_string(j), unitOfOrder(order)}, monomial, i, j});
    }
  if (o.intrafield) {
    if (xAxis) {
      c.push_back({{"mfx", "ppm"}, fieldX});
      c.push_back({{"rfx", "µrad"}, minusFieldY});
    } else {
      c.push_back({{"mfy", "ppm"}, fieldY});
      c.push_back({{"rfy", "µrad"}, fieldX});
    }
  }
  return c;
}

struct AxisFit {
  std::vector<ModelTerm> terms;
  Eigen::VectorXd fitted;
  AxisResiduals residuals;
};

AxisFit fitAxis(const std::vector<OverlaySite>& sites, bool xAxis, const OverlayOptions& o) {
  auto columns = design(xAxis, o);
  const auto n = static_cast<Eigen::Index>(sites.size());
  const auto k = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd x(n, k);
  Eigen::VectorXd y(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto& s = sites[static_cast<std::size_t>(r)];
    for (Eigen::Index c = 0; c < k; ++c) {
      const auto& col = columns[static_cast<std::size_t>(c)];
      x(r, c) = col.value(s, col.i, col.j);
    }
    y(r) = xAxis ? s.dx : s.dy;
  }
  // Columns scaled to unit RMS so that x³ in mm³ and 1 meet the QR on equal terms.
  Eigen::VectorXd scale(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    scale(c) = std::sqrt(x.col(c).squaredNorm() / static_cast<double>(n));
    if (scale(c) == 0) scale(c) = 1;
  }
  const Eigen::MatrixXd xs = x * scale.cwiseInverse().asDiagonal();
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xs);
  qr.setThreshold(1e-10);
  if (qr.rank() < k) {
    std::string names;
    for (Eigen::Index c = qr.rank(); c < k; ++c)
      names +=
          (names.empty() ? "" : ", ") + columns[static_cast<std::size_t>(qr.colsPermutation().indices()(c))].term.name;
    throw Error("the overlay sites cannot tell " + names +
                " apart from the other terms (the design is singular): measure sites spread over more of the wafer "
                "and of the field, or fit fewer terms");
  }
  const Eigen::VectorXd betaScaled = qr.solve(y);
  const Eigen::VectorXd beta = betaScaled.cwiseQuotient(scale);
  AxisFit fit;
  fit.fitted = x * beta;
  const Eigen::VectorXd e = y - fit.fitted;
  const auto dof = static_cast<std::size_t>(n - k);
  const double sigma = std::sqrt(e.squaredNorm() / static_cast<double>(dof));
  // (XᵀX)⁻¹ = D⁻¹ P R⁻¹R⁻ᵀ Pᵀ D⁻¹ for X D⁻¹ P = Q R.
  const Eigen::MatrixXd r = qr.matrixR().topLeftCorner(k, k).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd rInv = r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(k, k));
  const Eigen::MatrixXd covPermuted = rInv * rInv.transpose();
  const Eigen::MatrixXd cov = qr.colsPermutation() * covPermuted * qr.colsPermutation().transpose();
  for (Eigen::Index c = 0; c < k; ++c) {
    auto term = columns[static_cast<std::size_t>(c)].term;
    term.value = beta(c);
    term.standardError = sigma * std::sqrt(cov(c, c)) / scale(c);
    fit.terms.push_back(term);
  }
  auto& res = fit.residuals;
  res.mean = e.mean();
  res.sd = n > 1 ? std::sqrt((e.array() - res.mean).square().sum() / static_cast<double>(n - 1)) : 0;
  res.mean3Sigma = std::fabs(res.mean) + 3 * res.sd;
  res.sigmaModel = sigma;
  res.dof = dof;
  return fit;
}

ModelTerm combined(const std::string& name, const std::string& unit, const ModelTerm& a, const ModelTerm& b,
                   double sign, double factor) {
  // a and b come from the separate dx and dy fits: independent, so their variances add.
  return {name, unit, factor * (a.value + sign * b.value),
          std::fabs(factor) * std::hypot(a.standardError, b.standardError)};
}

}  // namespace

void OverlayOptions::validate() const {
  if (waferOrder < 1 || waferOrder > 3) throw Error("the wafer polynomial order must be 1, 2 or 3");
}

const ModelTerm& OverlayFit::term(const std::string& name) const {
  for (const auto* list : {&dxTerms, &dyTerms, &derived})
    for (const auto& t : *list)
      if (t.name == name) return t;
  throw Error("the overlay fit has no term '" + name + "'");
}

OverlayFit fitOverlay(std::span<const OverlaySite> sites, const OverlayOptions& options) {
  options.validate();
  OverlayFit fit;
  fit.waferOrder = options.waferOrder;
  fit.intrafield = options.intrafield;
  std::vector<OverlaySite> used;
  for (const auto& s : sites) {
    const bool complete = std::isfinite(s.x) && std::isfinite(s.y) && std::isfinite(s.dx) && std::isfinite(s.dy) &&
                          (!options.intrafield || (std::isfinite(s.fieldX) && std::isfinite(s.fieldY)));
    if (complete) used.push_back(s);
  }
  if (used.size() < sites.size())
    fit.notes.push_back(std::to_string(sites.size() - used.size()) +
                        " sites without a complete position and overlay "
                        "left out");
  fit.sites = used.size();
  const std::size_t k = design(true, options).size();
  if (used.size() < k + 1)
    throw Error("the overlay model of " + std::to_string(k) + " terms per axis needs at least " +
                std::to_string(k + 1) + " measured sites (got " + std::to_string(used.size()) + ")");
  if (options.intrafield) {
    double fxMin = used[0].fieldX, fxMax = fxMin, fyMin = used[0].fieldY, fyMax = fyMin;
    for (const auto& s : used) {
      fxMin = std::min(fxMin, s.fieldX), fxMax = std::max(fxMax, s.fieldX);
      fyMin = std::min(fyMin, s.fieldY), fyMax = std::max(fyMax, s.fieldY);
    }
    if (fxMax - fxMin < 1e-9 || fyMax - fyMin < 1e-9)
      throw Error("every site sits at the same field " + std::string(fxMax - fxMin < 1e-9 ? "x" : "y") + " position (" +
                  significantText(fxMax - fxMin < 1e-9 ? fxMin : fyMin) +
                  " mm): the intrafield terms cannot be told from translation; measure several places in the field "
                  "or fit without field positions");
  }
  const auto fx = fitAxis(used, true, options);
  const auto fy = fitAxis(used, false, options);
  fit.dxTerms = fx.terms;
  fit.dyTerms = fy.terms;
  fit.residualX = fx.residuals;
  fit.residualY = fy.residuals;
  for (std::size_t i = 0; i < used.size(); ++i) {
    const auto& s = used[i];
    const double mx = fx.fitted(static_cast<Eigen::Index>(i)), my = fy.fitted(static_cast<Eigen::Index>(i));
    fit.residuals.push_back({s.x, s.y, s.fieldX, s.fieldY, s.dx, s.dy, mx, my, s.dx - mx, s.dy - my});
  }
  const auto& mx = fit.term("Mx");
  const auto& my = fit.term("My");
  const auto& rx = fit.term("Rx");
  const auto& ry = fit.term("Ry");
  fit.derived = {combined("magnification_symmetric", "ppm", mx, my, +1, 0.5),
                 combined("magnification_asymmetric", "ppm", mx, my, -1, 0.5),
                 combined("rotation_symmetric", "µrad", rx, ry, +1, 0.5),
                 combined("rotation_asymmetric", "µrad", rx, ry, -1, 0.5),
                 combined("non_orthogonality", "µrad", rx, ry, -1, 1)};
  if (options.intrafield) {
    const auto& mfx = fit.term("mfx");
    const auto& mfy = fit.term("mfy");
    const auto& rfx = fit.term("rfx");
    const auto& rfy = fit.term("rfy");
    fit.derived.push_back(combined("field_magnification_symmetric", "ppm", mfx, mfy, +1, 0.5));
    fit.derived.push_back(combined("field_magnification_asymmetric", "ppm", mfx, mfy, -1, 0.5));
    fit.derived.push_back(combined("field_rotation_symmetric", "µrad", rfx, rfy, +1, 0.5));
    fit.derived.push_back(combined("field_rotation_asymmetric", "µrad", rfx, rfy, -1, 0.5));
  }
  if (options.waferOrder > 1)
    fit.notes.push_back("with wafer terms of order " + std::to_string(options.waferOrder) +
                        " the linear terms are the slopes at the wafer centre");
  return fit;
}

}  // namespace fab::overlay

#pragma once
// The lithography overlay model: the misregistration (dx, dy) measured at
// sites across the wafer split into wafer-level terms (translation,
// magnification, rotation: the wafer grid) and intrafield terms (the
// reticle/lens: magnification and rotation within the exposure field), fitted
// by least squares (Armitage & Kirk, "Analysis of overlay distortion
// patterns", Proc. SPIE 0921, 1988, doi:10.1117/12.968368):
//   dx = Tx + Mx·x − Rx·y + mfx·fx − rfx·fy
//   dy = Ty + My·y + Ry·x + mfy·fy + rfy·fx
// with x, y the site on the wafer and fx, fy its place in the field (mm) and
// dx, dy in nm, so that magnifications come out in ppm (nm/mm) and rotations
// in µrad. A pure rotation θ gives Rx = Ry = θ; a grid whose axes are no
// longer perpendicular gives Rx ≠ Ry. Derived (Armitage & Kirk's
// symmetric/antisymmetric split): symmetric magnification (Mx + My)/2,
// asymmetric (Mx − My)/2, symmetric rotation (Rx + Ry)/2, asymmetric
// rotation (Rx − Ry)/2 and the non-orthogonality Rx − Ry (µrad).
// dx and dy are fitted separately (their noise assumed independent), each by
// a column-pivoting Householder QR of the design; standard errors from
// σ̂²(XᵀX)⁻¹ with σ̂² = RSS/(n − k).
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace fab::overlay {

/// One measured overlay target.
struct OverlaySite {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double x = kNaN, y = kNaN;            ///< on the wafer, mm from its centre
  double fieldX = kNaN, fieldY = kNaN;  ///< in the exposure field, mm from its centre (NaN: not known)
  double dx = kNaN, dy = kNaN;          ///< overlay error, nm
};

struct OverlayOptions {
  /// Wafer polynomial order: 1 = the linear model; 2 or 3 add every xⁱyʲ with
  /// 2 ≤ i + j ≤ order to dx and to dy.
  int waferOrder = 1;
  /// Fit the four intrafield terms (needs field positions on every site).
  bool intrafield = true;
  void validate() const;  ///< throws fab::Error for an order outside 1..3
};

struct ModelTerm {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::string name;  ///< "Tx", "Mx", "Rx", "mfx", …, or "dx:x^2y^1" for higher orders
  std::string unit;  ///< nm, ppm, µrad, nm/mm², nm/mm³
  double value = kNaN, standardError = kNaN;
};

struct AxisResiduals {
  double mean = 0;        ///< of the residuals
  double sd = 0;          ///< sample SD of the residuals (n − 1)
  double mean3Sigma = 0;  ///< |mean| + 3·sd, the overlay "mean + 3σ"
  double sigmaModel = 0;  ///< √(RSS/(n − k)), the σ̂ behind the standard errors
  std::size_t dof = 0;    ///< n − k
};

/// Measured, modelled and residual overlay at one site (for a vector map).
struct SiteResidual {
  double x = 0, y = 0, fieldX = 0, fieldY = 0;
  double dx = 0, dy = 0;            ///< measured
  double modelDx = 0, modelDy = 0;  ///< the fitted model at the site
  double residualDx = 0, residualDy = 0;
};

struct OverlayFit {
  int waferOrder = 1;
  bool intrafield = true;
  std::size_t sites = 0;
  std::vector<ModelTerm> dxTerms, dyTerms;  ///< in design order (translation, magnification, rotation, …)
  std::vector<ModelTerm> derived;           ///< symmetric/asymmetric magnification and rotation, non-orthogonality
  AxisResiduals residualX, residualY;
  std::vector<SiteResidual> residuals;
  std::vector<std::string> notes;

  /// A term of either axis by name; throws fab::Error when there is none.
  const ModelTerm& term(const std::string& name) const;
};

/// Fits the model to the sites (sites missing any of x, y, dx, dy, or a field
/// position when intrafield terms are fitted, are left out with a note).
/// Throws fab::Error for a design that cannot identify every term: fewer
/// sites than terms + 1, field positions all alike, or collinear columns
/// (naming the terms that cannot be told apart).
OverlayFit fitOverlay(std::span<const OverlaySite> sites, const OverlayOptions& options = {});

}  // namespace fab::overlay

#pragma once
// Critical area of an array of parallel lines for shorts, averaged over the
// defect size distribution f(x) = x/x0² (x <= x0), x0²/x³ (x > x0) (Stapper,
// "Modeling of defects in integrated circuit photolithographic patterns",
// IBM J. Res. Dev. 28, 1984): the probability that a defect landing on the
// array shorts two lines, θ = ∫ θ(x) f(x) dx with θ(x) = (x − s)/(w + s)
// between s and 2s + w and 1 beyond; for x0 <= s, θ = x0²/(2s(2s + w)).
// This θ is per defect of ANY size: when the density D counts only defects of
// x0 or larger (what inspection sees), half of f's mass, use 2θ.
// And the seed rule of thumb for the killer size: 0.4 × CD for metal, 0.35
// for poly, 0.5 for contact and via.
#include <string>
#include <string_view>

namespace fab::defect {

struct CriticalArea {
  double theta = 0;         ///< per defect of any size (D counts all sizes)
  double thetaVisible = 0;  ///< 2θ: per defect of size >= x0 (D counts only those)
  double lineWidthUm = 0, spacingUm = 0, peakSizeUm = 0;
};

/// Throws fab::Error for non-positive width, spacing or peak size.
CriticalArea criticalAreaLines(double lineWidthUm, double spacingUm, double peakSizeUm);

/// Poisson yield of the layer, e^(−D·θ·A), D per cm², A in cm².
double criticalAreaYield(double theta, double densityPerCm2, double areaCm2);

enum class LayerKind { Metal, Poly, Contact, Via };
std::string_view layerKindName(LayerKind kind);
/// "metal", "poly", "contact", "via" (any case); fab::Error otherwise.
LayerKind layerKindFromName(std::string_view name);
double ruleOfThumbRatio(LayerKind kind);
/// ratio × CD, µm.
double ruleOfThumbKillerSize(LayerKind kind, double criticalDimensionUm);

}  // namespace fab::defect

#include "core/defect/critical_area.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/common/error.h"

namespace fab::defect {

CriticalArea criticalAreaLines(double w, double s, double x0) {
  for (double v : {w, s, x0})
    if (!(v > 0 && std::isfinite(v)))
      throw Error("critical area needs a positive line width, spacing and peak defect size (µm)");
  CriticalArea c{0, 0, w, s, x0};
  const double b = 2 * s + w;  // from here on every defect shorts
  // ∫ over [s, b] of (x − s)/(w + s) f(x), split where f changes form at x0; then the tail beyond b.
  auto below = [&](double lo, double hi) {  // f = x/x0²
    if (hi <= lo) return 0.0;
    auto prim = [&](double x) { return (x * x * x / 3 - s * x * x / 2) / ((w + s) * x0 * x0); };
    return prim(hi) - prim(lo);
  };
  auto above = [&](double lo, double hi) {  // f = x0²/x³
    if (hi <= lo) return 0.0;
    auto prim = [&](double x) { return x0 * x0 * (-1 / x + s / (2 * x * x)) / (w + s); };
    return prim(hi) - prim(lo);
  };
  double theta = below(s, std::min(x0, b)) + above(std::max(x0, s), b);
  theta += b >= x0 ? x0 * x0 / (2 * b * b) : (x0 * x0 - b * b) / (2 * x0 * x0) + 0.5;
  c.theta = theta;
  c.thetaVisible = 2 * theta;
  return c;
}

double criticalAreaYield(double theta, double d, double a) { return std::exp(-d * theta * a); }

std::string_view layerKindName(LayerKind kind) {
  switch (kind) {
    case LayerKind::Metal:
      return "metal";
    case LayerKind::Poly:
      return "poly";
    case LayerKind::Contact:
      return "contact";
    case LayerKind::Via:
      return "via";
  }
  return "metal";
}

LayerKind layerKindFromName(std::string_view name) {
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "metal") return LayerKind::Metal;
  if (lower == "poly") return LayerKind::Poly;
  if (lower == "contact") return LayerKind::Contact;
  if (lower == "via") return LayerKind::Via;
  throw Error("expected the layer kind as metal, poly, contact or via, found '" + std::string(name) + "'");
}

double ruleOfThumbRatio(LayerKind kind) {
  switch (kind) {
    case LayerKind::Metal:
      return 0.4;
    case LayerKind::Poly:
      return 0.35;
    case LayerKind::Contact:
    case LayerKind::Via:
      return 0.5;
  }
  return 0.4;
}

double ruleOfThumbKillerSize(LayerKind kind, double cd) {
  if (!(cd > 0 && std::isfinite(cd))) throw Error("the critical dimension must be a positive size (µm)");
  return ruleOfThumbRatio(kind) * cd;
}

}  // namespace fab::defect

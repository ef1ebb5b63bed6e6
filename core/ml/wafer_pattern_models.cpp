#include "core/ml/wafer_pattern_models.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace fab::ml {
namespace {

constexpr double kPi = std::numbers::pi;

/// 1 well inside (d ≪ 0), 0 well outside, ½ on the boundary d = 0.
double inside(double d, double softness) { return 1.0 / (1.0 + std::exp(std::clamp(d / softness, -40.0, 40.0))); }

double intensity(const PatternContext& c, Rng& rng) {
  const double q = c.partial ? rng.uniform(0.35, 0.55) : rng.uniform(0.6, 0.95);
  return q * c.strength;
}

/// 1 on an arc of `span` radians starting at a random angle, 0 elsewhere.
std::function<double(double, double)> arcMask(bool partial, double spanLo, double spanHi, Rng& rng) {
  if (!partial) return [](double, double) { return 1.0; };
  const double start = rng.uniform(0, 2 * kPi), span = rng.uniform(spanLo, spanHi) * kPi / 180;
  return [start, span](double x, double y) {
    double a = std::atan2(y, x) - start;
    a -= 2 * kPi * std::floor(a / (2 * kPi));
    return a <= span ? 1.0 : 0.0;
  };
}

PatternField center(const PatternContext& c, Rng& rng) {
  const double rho = 0.1 * std::sqrt(rng.uniform()), phi = rng.uniform(0, 2 * kPi);
  const double cx = rho * std::cos(phi), cy = rho * std::sin(phi);
  const double radius = std::max(c.sizeScale * rng.uniform(0.15, 0.35), 1.5 * c.diePitch);
  const double q = intensity(c, rng);
  return [=](double x, double y) { return q * inside(std::hypot(x - cx, y - cy) - radius, 0.03); };
}

PatternField donut(const PatternContext& c, Rng& rng) {
  const double cx = rng.uniform(-0.05, 0.05), cy = rng.uniform(-0.05, 0.05);
  double mid = c.sizeScale * rng.uniform(0.38, 0.55);
  double half = std::max(c.sizeScale * rng.uniform(0.07, 0.13), c.diePitch);
  half = std::min(half, 0.2);
  // The hole stays visible: at least 0.2 radii and two dies across its radius.
  const double hole = std::max(0.2, 2 * c.diePitch);
  mid = std::clamp(mid, hole + half, std::max(hole + half, 0.82 - half));
  const double q = c.strength * rng.uniform(0.6, 0.95);
  auto arc = arcMask(c.partial, 220, 300, rng);
  return [=](double x, double y) {
    return q * arc(x - cx, y - cy) * inside(std::abs(std::hypot(x - cx, y - cy) - mid) - half, 0.025);
  };
}

PatternField edgeRing(const PatternContext& c, Rng& rng) {
  const double width = std::max(c.sizeScale * rng.uniform(0.05, 0.12), 1.3 * c.diePitch);
  const double q = c.strength * rng.uniform(0.6, 0.95);
  auto arc = arcMask(c.partial, 240, 320, rng);
  return [=](double x, double y) { return q * arc(x, y) * inside((1.0 - width) - std::hypot(x, y), 0.015); };
}

/// A filled ellipse centred at (cx, cy), semi-axes a along angle `theta` and b across it.
PatternField ellipse(double cx, double cy, double a, double b, double theta, double q) {
  const double ct = std::cos(theta), st = std::sin(theta);
  return [=](double x, double y) {
    const double u = ((x - cx) * ct + (y - cy) * st) / a, v = (-(x - cx) * st + (y - cy) * ct) / b;
    return q * inside(std::sqrt(u * u + v * v) - 1.0, 0.12);
  };
}

PatternField edgeLocal(const PatternContext& c, Rng& rng) {
  const double angle = rng.uniform(0, 2 * kPi);
  const double radial = std::max(c.sizeScale * rng.uniform(0.15, 0.3), 2.0 * c.diePitch);
  const double tangential = c.sizeScale * rng.uniform(0.25, 0.5);
  const double q = intensity(c, rng);
  return ellipse(std::cos(angle), std::sin(angle), radial, tangential, angle, q);
}

PatternField local(const PatternContext& c, Rng& rng) {
  double a = 0, b = 0;
  if (c.local.areaHigh > 0) {
    const double share = rng.uniform(c.local.areaLow, c.local.areaHigh), ratio = rng.uniform(0.6, 1.0);
    a = std::max(std::sqrt(share / ratio), 2.0 * c.diePitch);  // share = a·b = a²·ratio
    b = a * ratio;
  } else {
    a = std::max(c.sizeScale * rng.uniform(0.1, 0.2), 2.0 * c.diePitch);
    b = a * rng.uniform(0.6, 1.0);
  }
  const double drawn = rng.uniform(c.local.centreLow, c.local.centreHigh);
  const double rho = c.local.mayReachEdge ? drawn : std::min(drawn, 0.82 - a), phi = rng.uniform(0, 2 * kPi);
  const double theta = rng.uniform(0, kPi);
  const double q = intensity(c, rng);
  return ellipse(rho * std::cos(phi), rho * std::sin(phi), a, b, theta, q);
}

PatternField nearFull(const PatternContext& c, Rng& rng) {
  const double q = c.strength * rng.uniform(0.8, 0.98);
  if (!c.partial) return [q](double, double) { return q; };
  const double rho = 0.6 * std::sqrt(rng.uniform()), phi = rng.uniform(0, 2 * kPi);
  const double px = rho * std::cos(phi), py = rho * std::sin(phi), radius = rng.uniform(0.2, 0.35);
  return [=](double x, double y) { return q * (1.0 - inside(std::hypot(x - px, y - py) - radius, 0.03)); };
}

PatternField random(const PatternContext& c, Rng& rng) {
  const double q = c.strength * rng.uniform(0.18, 0.45);
  return [q](double, double) { return q; };
}

PatternField scratch(const PatternContext& c, Rng& rng) {
  // The arc as a polyline of short segments, each kept or dropped (dashes),
  // drawn both ways from its midpoint so that most of it lies on the wafer.
  constexpr int kSegments = 48;
  const double rho = 0.5 * std::sqrt(rng.uniform()), phi = rng.uniform(0, 2 * kPi);
  const double length = std::min(1.6, std::max(c.sizeScale * rng.uniform(0.6, 1.3), 10 * c.diePitch));
  const double curvature = rng.uniform(-1.5, 1.5);
  const double halfWidth = c.diePitch * rng.uniform(0.5, 0.8);
  const double q = c.strength * rng.uniform(0.75, 1.0);
  // Start half a length back along the arc through the midpoint.
  double heading = rng.uniform(0, 2 * kPi);
  double x = rho * std::cos(phi), y = rho * std::sin(phi);
  const double step = length / kSegments;
  for (int i = 0; i < kSegments / 2; ++i) {
    heading -= curvature * step;
    x -= step * std::cos(heading), y -= step * std::sin(heading);
  }
  std::vector<bool> kept(kSegments, true);
  if (c.partial) {
    // Gaps: remove (1 − coverage) of the length as 1–2 holes between 2–3 dashes.
    const int holes = rng.uniformInt(1, 2);
    const int removed = static_cast<int>(std::lround(kSegments * (1.0 - rng.uniform(0.7, 0.9))));
    for (int h = 0; h < holes; ++h) {
      const int len = removed / holes, start = rng.uniformInt(2, kSegments - 2 - len);
      std::fill(kept.begin() + start, kept.begin() + start + len, false);
    }
  }
  std::vector<std::array<double, 4>> segments;
  for (int i = 0; i < kSegments; ++i) {
    const double nx = x + step * std::cos(heading), ny = y + step * std::sin(heading);
    if (kept[i]) segments.push_back({x, y, nx, ny});
    x = nx, y = ny, heading += curvature * step;
  }
  return [segments = std::move(segments), halfWidth, q](double px, double py) {
    for (const auto& s : segments) {
      const double dx = s[2] - s[0], dy = s[3] - s[1];
      const double t = std::clamp(((px - s[0]) * dx + (py - s[1]) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
      if (std::hypot(px - s[0] - t * dx, py - s[1] - t * dy) <= halfWidth) return q;
    }
    return 0.0;
  };
}

PatternField none(const PatternContext&, Rng&) {
  return [](double, double) { return 0.0; };
}

using Maker = PatternField (*)(const PatternContext&, Rng&);
// Indexed by WaferPattern.
constexpr std::array<Maker, kPatternCount> kMakers = {center,   donut,  edgeLocal, edgeRing, local,
                                                      nearFull, random, scratch,   none};

}  // namespace

PatternField drawPattern(WaferPattern pattern, const PatternContext& context, Rng& rng) {
  return kMakers[patternIndex(pattern)](context, rng);
}

}  // namespace fab::ml

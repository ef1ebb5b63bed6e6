#include "core/defect/signature.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <numbers>
#include <set>

#include "core/common/error.h"
#include "core/common/number_text.h"

namespace fab::defect {
namespace {

/// Cells of a g × g grid over the wafer's bounding square whose centre lies on the wafer.
int cellsOnWafer(int g) {
  int on = 0;
  for (int j = 0; j < g; ++j)
    for (int i = 0; i < g; ++i) {
      const double x = (i + 0.5) / g * 2 - 1, y = (j + 0.5) / g * 2 - 1;
      on += x * x + y * y <= 1;
    }
  return on;
}

std::size_t occupiedCells(std::span<const Point2> pts, double radius, int g) {
  std::set<std::pair<int, int>> cells;
  for (const auto& p : pts) {
    const int i = std::clamp(static_cast<int>(std::floor((p.x / radius + 1) / 2 * g)), 0, g - 1);
    const int j = std::clamp(static_cast<int>(std::floor((p.y / radius + 1) / 2 * g)), 0, g - 1);
    cells.insert({i, j});
  }
  return cells.size();
}

}  // namespace

std::string_view signatureName(SignatureLabel label) {
  switch (label) {
    case SignatureLabel::Center:
      return "center";
    case SignatureLabel::Donut:
      return "donut";
    case SignatureLabel::EdgeRing:
      return "edge-ring";
    case SignatureLabel::EdgeLocal:
      return "edge-local";
    case SignatureLabel::Local:
      return "local";
    case SignatureLabel::Scratch:
      return "scratch";
    case SignatureLabel::Random:
      return "random";
    case SignatureLabel::NearFull:
      return "near-full";
    case SignatureLabel::None:
      return "none";
  }
  return "none";
}

SignatureFeatures signatureFeatures(std::span<const Point2> pts, double radius, std::size_t waferDefects) {
  if (!(radius > 0)) throw Error("a spatial signature needs the wafer radius");
  requireFinite(pts, "spatial signature");
  SignatureFeatures f;
  f.count = pts.size();
  f.fraction = waferDefects ? static_cast<double>(pts.size()) / static_cast<double>(waferDefects) : 0;
  if (pts.empty()) return f;
  const double n = static_cast<double>(pts.size());
  double mx = 0, my = 0, sr = 0, sr2 = 0, sc = 0, ss = 0;
  f.radialMin = 1e300;
  std::vector<double> angles;
  for (const auto& p : pts) {
    mx += p.x;
    my += p.y;
    const double r = std::hypot(p.x, p.y) / radius;
    sr += r;
    sr2 += r * r;
    f.radialMin = std::min(f.radialMin, r);
    f.radialMax = std::max(f.radialMax, r);
    const double t = std::atan2(p.y, p.x);
    angles.push_back(t);
    sc += std::cos(t);
    ss += std::sin(t);
  }
  mx /= n;
  my /= n;
  f.radialMean = sr / n;
  f.radialSd = std::sqrt(std::max(0.0, sr2 / n - f.radialMean * f.radialMean));
  f.centroidRadius = std::hypot(mx, my) / radius;
  f.circularSpread = 1 - std::hypot(sc, ss) / n;
  // The smallest arc holding every angle is 360° less the largest gap between neighbours.
  std::sort(angles.begin(), angles.end());
  double gap = 2 * std::numbers::pi - (angles.back() - angles.front());
  for (std::size_t i = 1; i < angles.size(); ++i) gap = std::max(gap, angles[i] - angles[i - 1]);
  f.angularSpanDeg = (2 * std::numbers::pi - gap) * 180 / std::numbers::pi;
  // Covariance eigen-decomposition: elongation and major axis.
  Eigen::Matrix2d c = Eigen::Matrix2d::Zero();
  for (const auto& p : pts) {
    const Eigen::Vector2d d(p.x - mx, p.y - my);
    c += d * d.transpose();
  }
  c /= n;
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(c);
  const double l1 = std::max(eig.eigenvalues()(1), 0.0), l2 = std::max(eig.eigenvalues()(0), 0.0);
  f.elongation = l2 > 0 ? std::sqrt(l1 / l2) : (l1 > 0 ? std::numeric_limits<double>::infinity() : 1.0);
  const Eigen::Vector2d major = eig.eigenvectors().col(1);
  double deg = std::atan2(major(1), major(0)) * 180 / std::numbers::pi;
  if (deg < 0) deg += 180;
  if (deg >= 180) deg -= 180;
  f.majorAxisDeg = deg;
  f.lengthOverRadius = 4 * std::sqrt(l1) / radius;
  f.areaFraction = static_cast<double>(occupiedCells(pts, radius, 20)) / cellsOnWafer(20);
  // Area of the 2σ covariance ellipse, 4π√(λ1λ2) (πρ² for points uniform on a disc of radius ρ),
  // at least one cell of a 64 × 64 grid over the wafer.
  const double area = std::max(4 * std::numbers::pi * std::sqrt(l1 * l2), std::pow(2 * radius / 64, 2));
  const double ownDensity = n / area;
  const double background =
      static_cast<double>(std::max<std::size_t>(waferDefects, pts.size())) / (std::numbers::pi * radius * radius);
  f.densityRatio = ownDensity / background;
  return f;
}

Signature classifySignature(const SignatureFeatures& f, const SignatureRules& r) {
  Signature s;
  s.features = f;
  auto set = [&](SignatureLabel label, std::string reason) {
    s.label = label;
    s.reason = std::move(reason);
    return s;
  };
  if (f.count < r.minDefects)
    return set(SignatureLabel::None, std::to_string(f.count) + " defects, fewer than " + std::to_string(r.minDefects));
  if (f.areaFraction >= r.nearFullArea)
    return set(SignatureLabel::NearFull, "defects on " + fixedText(100 * f.areaFraction, 0) +
                                             "% of the wafer cells (>= " + fixedText(100 * r.nearFullArea, 0) + "%)");
  if (f.radialMean >= r.edgeRadius && f.radialMin >= r.edgeInnerRadius) {
    if (f.angularSpanDeg >= r.ringSpanDeg)
      return set(SignatureLabel::EdgeRing, "mean radius " + fixedText(f.radialMean, 2) + " R, around " +
                                               fixedText(f.angularSpanDeg, 0) + "° of the edge");
    return set(SignatureLabel::EdgeLocal, "mean radius " + fixedText(f.radialMean, 2) + " R within " +
                                              fixedText(f.angularSpanDeg, 0) + "° of the edge");
  }
  if (f.elongation >= r.scratchElongation && f.lengthOverRadius >= r.scratchLength)
    return set(SignatureLabel::Scratch, "elongation " + fixedText(f.elongation, 1) +
                                            " >= " + fixedText(r.scratchElongation, 1) + " over " +
                                            fixedText(f.lengthOverRadius, 2) + " R");
  if (f.radialMean <= r.centerRadius)
    return set(SignatureLabel::Center,
               "mean radius " + fixedText(f.radialMean, 2) + " R (<= " + fixedText(r.centerRadius, 2) + ")");
  if (f.angularSpanDeg >= r.ringSpanDeg && f.radialSd <= r.donutRadialSd)
    return set(SignatureLabel::Donut, "a band at " + fixedText(f.radialMean, 2) + " ± " + fixedText(f.radialSd, 2) +
                                          " R around " + fixedText(f.angularSpanDeg, 0) + "°");
  if (f.densityRatio >= r.localDensity)
    return set(SignatureLabel::Local, "density " + fixedText(f.densityRatio, 1) + " × the wafer background");
  return set(SignatureLabel::Random, "no denser than the wafer background (" + fixedText(f.densityRatio, 1) + " ×)");
}

RandomnessTest quadratTest(std::span<const Point2> pts, double radius) {
  RandomnessTest t;
  if (!(radius > 0)) throw Error("the quadrat test needs the wafer radius");
  constexpr int kSub = 16;  // sub-samples per cell side for the cell's area on the wafer
  for (int g : {12, 10, 8, 6, 4}) {
    // Quadrats with at least half their area on the wafer; expected counts by area.
    std::vector<int> index(static_cast<std::size_t>(g * g), -1);
    std::vector<double> share;
    for (int j = 0; j < g; ++j)
      for (int i = 0; i < g; ++i) {
        int on = 0;
        for (int b = 0; b < kSub; ++b)
          for (int a = 0; a < kSub; ++a) {
            const double x = (i + (a + 0.5) / kSub) / g * 2 - 1, y = (j + (b + 0.5) / kSub) / g * 2 - 1;
            on += x * x + y * y <= 1;
          }
        const double frac = static_cast<double>(on) / (kSub * kSub);
        if (frac >= 0.5) {
          index[static_cast<std::size_t>(j * g + i)] = static_cast<int>(share.size());
          share.push_back(frac);
        }
      }
    const int m = static_cast<int>(share.size());
    std::vector<double> counts(share.size(), 0.0);
    double inside = 0, totalShare = 0;
    for (double a : share) totalShare += a;
    for (const auto& p : pts) {
      const int i = static_cast<int>(std::floor((p.x / radius + 1) / 2 * g));
      const int j = static_cast<int>(std::floor((p.y / radius + 1) / 2 * g));
      if (i < 0 || j < 0 || i >= g || j >= g) continue;
      const int q = index[static_cast<std::size_t>(j * g + i)];
      if (q >= 0) {
        counts[static_cast<std::size_t>(q)] += 1;
        inside += 1;
      }
    }
    if (inside / m < 2 && g > 4) continue;  // too few per quadrat for the χ² approximation: coarser quadrats
    t.quadrats = m;
    if (inside <= 0) return t;
    double d = 0;
    for (int q = 0; q < m; ++q) {
      const double expected = inside * share[static_cast<std::size_t>(q)] / totalShare;
      d += (counts[static_cast<std::size_t>(q)] - expected) * (counts[static_cast<std::size_t>(q)] - expected) /
           expected;
    }
    t.dispersion = d;
    t.pValue = boost::math::cdf(boost::math::complement(boost::math::chi_squared(m - 1), d));
    return t;
  }
  return t;
}

WaferSignature waferSignature(std::span<const Point2> pts, std::span<const int> labels, double radius,
                              const SignatureRules& rules) {
  if (pts.size() != labels.size()) throw Error("a wafer signature needs one cluster label per defect");
  WaferSignature w;
  const SignatureFeatures all = signatureFeatures(pts, radius, pts.size());
  int clusters = 0;
  for (int l : labels) clusters = std::max(clusters, l + 1);
  std::vector<std::vector<Point2>> members(static_cast<std::size_t>(clusters));
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (labels[i] >= 0) members[static_cast<std::size_t>(labels[i])].push_back(pts[i]);
  for (const auto& m : members)
    w.clusters.push_back(classifySignature(signatureFeatures(m, radius, pts.size()), rules));
  w.randomness = quadratTest(pts, radius);
  const Signature whole = classifySignature(all, rules);
  if (whole.label == SignatureLabel::None || whole.label == SignatureLabel::NearFull) {
    w.overall = whole;
    return w;
  }
  if (w.randomness.pValue >= rules.randomAlpha) {
    w.overall.label = SignatureLabel::Random;
    w.overall.features = all;
    w.overall.reason =
        "quadrat counts consistent with random positions (p = " + fixedText(w.randomness.pValue, 3) + ")";
    return w;
  }
  // Clusters along the edge may be fragments of one ring (a density-based method
  // breaks a thin ring into arcs): together they are an edge ring when they go round.
  std::vector<Point2> edge;
  for (std::size_t c = 0; c < w.clusters.size(); ++c)
    if (w.clusters[c].label == SignatureLabel::EdgeLocal || w.clusters[c].label == SignatureLabel::EdgeRing)
      edge.insert(edge.end(), members[c].begin(), members[c].end());
  if (!edge.empty()) {
    const Signature ring = classifySignature(signatureFeatures(edge, radius, pts.size()), rules);
    if (ring.label == SignatureLabel::EdgeRing) {
      w.overall = ring;
      w.overall.reason = "edge clusters together: " + ring.reason;
      return w;
    }
  }
  std::size_t best = 0;
  const Signature* pick = nullptr;
  for (const auto& c : w.clusters)
    if (c.label != SignatureLabel::None && c.label != SignatureLabel::Random && c.features.count > best) {
      best = c.features.count;
      pick = &c;
    }
  if (pick) {
    w.overall = *pick;
    w.overall.reason = "largest cluster: " + pick->reason;
  } else {
    w.overall = whole;
  }
  return w;
}

}  // namespace fab::defect

#include "core/defect/kde.h"

#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>
#include <numbers>

#include "core/common/error.h"

namespace fab::defect {
namespace {

double normalCdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }
double normalPdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

/// Truncated Gaussian weights φ(m·step/h)/h for m = −L … L, L = ⌈4h/step⌉.
std::vector<double> kernelTaps(double h, double step) {
  const int half = static_cast<int>(std::ceil(4 * h / step));
  std::vector<double> taps(static_cast<std::size_t>(2 * half + 1));
  for (int m = -half; m <= half; ++m) taps[static_cast<std::size_t>(m + half)] = normalPdf(m * step / h) / h;
  return taps;
}

/// Separable convolution of a ny × nx field with x taps then y taps.
std::vector<double> convolve(const std::vector<double>& in, int nx, int ny, const std::vector<double>& tx,
                             const std::vector<double>& ty) {
  const int hx = static_cast<int>(tx.size() / 2), hy = static_cast<int>(ty.size() / 2);
  std::vector<double> mid(in.size(), 0.0), out(in.size(), 0.0);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const double v = in[static_cast<std::size_t>(j) * nx + i];
      if (v == 0) continue;
      for (int m = std::max(-hx, -i); m <= std::min(hx, nx - 1 - i); ++m)
        mid[static_cast<std::size_t>(j) * nx + i + m] += v * tx[static_cast<std::size_t>(m + hx)];
    }
  for (int j = 0; j < ny; ++j)
    for (int m = std::max(-hy, -j); m <= std::min(hy, ny - 1 - j); ++m) {
      const double w = ty[static_cast<std::size_t>(m + hy)];
      const double* src = &mid[static_cast<std::size_t>(j) * nx];
      double* dst = &out[static_cast<std::size_t>(j + m) * nx];
      for (int i = 0; i < nx; ++i) dst[i] += w * src[i];
    }
  return out;
}

}  // namespace

Bandwidth bandwidthFor(std::span<const Point2> pts, BandwidthRule rule) {
  if (pts.size() < 2) throw Error("a bandwidth rule needs at least 2 points; give the bandwidth instead");
  const double n = static_cast<double>(pts.size());
  std::vector<double> xs, ys;
  double mx = 0, my = 0;
  for (const auto& p : pts) {
    xs.push_back(p.x);
    ys.push_back(p.y);
    mx += p.x;
    my += p.y;
  }
  mx /= n;
  my /= n;
  double vx = 0, vy = 0;
  for (const auto& p : pts) {
    vx += (p.x - mx) * (p.x - mx);
    vy += (p.y - my) * (p.y - my);
  }
  double sx = std::sqrt(vx / (n - 1)), sy = std::sqrt(vy / (n - 1));
  if (rule == BandwidthRule::Silverman) {
    const double ix = (quantile(xs, 0.75) - quantile(xs, 0.25)) / 1.349;
    const double iy = (quantile(ys, 0.75) - quantile(ys, 0.25)) / 1.349;
    if (ix > 0) sx = std::min(sx, ix);
    if (iy > 0) sy = std::min(sy, iy);
  }
  if (!(sx > 0) && !(sy > 0)) throw Error("every point is at the same position: give the KDE bandwidth");
  if (!(sx > 0)) sx = sy;  // points on a line: use the other axis's spread
  if (!(sy > 0)) sy = sx;
  const double factor = std::pow(n, -1.0 / 6.0);
  return {sx * factor, sy * factor};
}

void KdeOptions::validate() const {
  if (rule == BandwidthRule::Given && !(bandwidth > 0 && std::isfinite(bandwidth)))
    throw Error("give a positive KDE bandwidth (µm)");
  if (gridSize < 8 || gridSize > 4096) throw Error("the KDE grid needs between 8 and 4096 nodes per axis");
  if (!(waferRadius >= 0 && std::isfinite(waferRadius))) throw Error("the wafer radius must be zero or positive");
}

double KdeGrid::at(Point2 p) const {
  if (waferRadius > 0 && p.x * p.x + p.y * p.y > waferRadius * waferRadius) return 0;
  const double fx = (p.x - x0) / dx, fy = (p.y - y0) / dy;
  if (fx < 0 || fy < 0 || fx > nx - 1 || fy > ny - 1) return 0;
  const int i = std::min(static_cast<int>(fx), nx - 2), j = std::min(static_cast<int>(fy), ny - 2);
  const double u = fx - i, v = fy - j;
  auto d = [&](int a, int b) { return density[static_cast<std::size_t>(b) * nx + a]; };
  return (1 - u) * (1 - v) * d(i, j) + u * (1 - v) * d(i + 1, j) + (1 - u) * v * d(i, j + 1) + u * v * d(i + 1, j + 1);
}

double KdeGrid::background() const {
  const double area = waferRadius > 0 ? std::numbers::pi * waferRadius * waferRadius : (nx - 1) * dx * (ny - 1) * dy;
  return 1.0 / area;
}

double kernelMassInDisc(Point2 at, Bandwidth h, double radius) {
  const double lo = std::max(-radius, at.y - 8 * h.y), hi = std::min(radius, at.y + 8 * h.y);
  if (lo >= hi) return 0;
  auto f = [&](double v) {
    const double half = std::sqrt(std::max(0.0, radius * radius - v * v));
    return normalPdf((v - at.y) / h.y) / h.y * (normalCdf((half - at.x) / h.x) - normalCdf((-half - at.x) / h.x));
  };
  return boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, lo, hi, 10, 1e-10);
}

std::vector<double> kdeDirect(std::span<const Point2> pts, Bandwidth h, std::span<const Point2> queries,
                              double waferRadius, EdgeCorrection edge) {
  if (pts.empty()) throw Error("a kernel density estimate needs at least one point");
  if (!(h.x > 0) || !(h.y > 0)) throw Error("the KDE bandwidth must be positive");
  std::vector<double> out;
  out.reserve(queries.size());
  const double norm = 1.0 / (static_cast<double>(pts.size()) * h.x * h.y);
  for (const Point2& q : queries) {
    double sum = 0;
    for (const Point2& p : pts) sum += normalPdf((q.x - p.x) / h.x) * normalPdf((q.y - p.y) / h.y);
    double f = sum * norm;
    if (waferRadius > 0) {
      if (q.x * q.x + q.y * q.y > waferRadius * waferRadius) {
        f = 0;
      } else if (edge == EdgeCorrection::Renormalise) {
        f /= kernelMassInDisc(q, h, waferRadius);
      }
    }
    out.push_back(f);
  }
  return out;
}

KdeGrid kdeOnGrid(std::span<const Point2> pts, const KdeOptions& o) {
  o.validate();
  requireFinite(pts, "kernel density estimate");
  if (pts.empty()) throw Error("a kernel density estimate needs at least one point");
  KdeGrid g;
  g.bandwidth = o.rule == BandwidthRule::Given ? Bandwidth{o.bandwidth, o.bandwidth} : bandwidthFor(pts, o.rule);
  g.waferRadius = o.waferRadius;
  g.pointCount = pts.size();
  g.nx = g.ny = o.gridSize;
  double xlo, xhi, ylo, yhi;
  if (o.waferRadius > 0) {
    xlo = ylo = -o.waferRadius;
    xhi = yhi = o.waferRadius;
  } else {
    xlo = xhi = pts[0].x;
    ylo = yhi = pts[0].y;
    for (const auto& p : pts) {
      xlo = std::min(xlo, p.x);
      xhi = std::max(xhi, p.x);
      ylo = std::min(ylo, p.y);
      yhi = std::max(yhi, p.y);
    }
    xlo -= 4 * g.bandwidth.x;
    xhi += 4 * g.bandwidth.x;
    ylo -= 4 * g.bandwidth.y;
    yhi += 4 * g.bandwidth.y;
  }
  g.x0 = xlo;
  g.y0 = ylo;
  g.dx = (xhi - xlo) / (g.nx - 1);
  g.dy = (yhi - ylo) / (g.ny - 1);
  if (g.dx > g.bandwidth.x / 2 || g.dy > g.bandwidth.y / 2)
    g.warnings.push_back("the bandwidth is under two grid steps: the grid estimate is coarse; use a finer grid");
  // Linear binning: each point shares its unit weight among the 4 nodes around it.
  std::vector<double> bins(static_cast<std::size_t>(g.nx) * g.ny, 0.0);
  std::size_t outside = 0;
  for (const auto& p : pts) {
    const double fx = (p.x - g.x0) / g.dx, fy = (p.y - g.y0) / g.dy;
    if (fx < 0 || fy < 0 || fx > g.nx - 1 || fy > g.ny - 1) {
      ++outside;
      continue;
    }
    const int i = std::min(static_cast<int>(fx), g.nx - 2), j = std::min(static_cast<int>(fy), g.ny - 2);
    const double u = fx - i, v = fy - j;
    bins[static_cast<std::size_t>(j) * g.nx + i] += (1 - u) * (1 - v);
    bins[static_cast<std::size_t>(j) * g.nx + i + 1] += u * (1 - v);
    bins[static_cast<std::size_t>(j + 1) * g.nx + i] += (1 - u) * v;
    bins[static_cast<std::size_t>(j + 1) * g.nx + i + 1] += u * v;
  }
  if (outside)
    g.warnings.push_back(std::to_string(outside) +
                         " point(s) lie outside the wafer grid and were left out of the density");
  g.density = convolve(bins, g.nx, g.ny, kernelTaps(g.bandwidth.x, g.dx), kernelTaps(g.bandwidth.y, g.dy));
  const double n = static_cast<double>(pts.size());
  for (auto& v : g.density) v /= n;
  if (o.waferRadius > 0) {
    g.edgeCorrected = o.edge == EdgeCorrection::Renormalise;
    const double r2 = o.waferRadius * o.waferRadius;
    const double inner = o.waferRadius - 6 * std::max(g.bandwidth.x, g.bandwidth.y);
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const Point2 q = g.node(i, j);
        const double d2 = q.x * q.x + q.y * q.y;
        double& v = g.density[static_cast<std::size_t>(j) * g.nx + i];
        if (d2 > r2) {
          v = 0;
        } else if (g.edgeCorrected && (inner <= 0 || d2 > inner * inner)) {
          v /= kernelMassInDisc(q, g.bandwidth, o.waferRadius);
        }
      }
  }
  return g;
}

}  // namespace fab::defect

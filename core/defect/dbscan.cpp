#include "core/defect/dbscan.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numbers>

#include "core/common/error.h"
#include "core/defect/parallel.h"
#include "core/defect/point_index.h"

namespace fab::defect {

void DbscanOptions::validate() const {
  if (!(eps >= 0 && std::isfinite(eps))) throw Error("DBSCAN's eps must be a positive distance (or 0 to suggest one)");
  if (minPoints < 1) throw Error("DBSCAN's min-pts must be at least 1, got " + std::to_string(minPoints));
  if (!(area >= 0 && std::isfinite(area))) throw Error("the defect area must be zero or positive");
}

double suggestEps(std::size_t n, double area, int minPoints, double coreProbability) {
  if (n == 0 || !(area > 0)) throw Error("an eps suggestion needs points spread over a positive area");
  if (minPoints <= 1) return 0;  // every point is a core point: eps only links them
  const double lambda = static_cast<double>(n) / area;
  const double mu = boost::math::gamma_p_inv(static_cast<double>(minPoints - 1), coreProbability);
  return std::sqrt(mu / (lambda * std::numbers::pi));
}

DbscanResult dbscan(std::span<const Point2> pts, const DbscanOptions& o, const Feedback& feedback) {
  o.validate();
  requireFinite(pts, "DBSCAN");
  DbscanResult out;
  const std::size_t n = pts.size();
  out.labels.assign(n, -1);
  out.core.assign(n, false);
  if (n == 0) return out;
  out.eps = o.eps;
  if (out.eps == 0) {
    double area = o.area;
    if (area == 0) {
      double x0 = pts[0].x, x1 = x0, y0 = pts[0].y, y1 = y0;
      for (const auto& p : pts) {
        x0 = std::min(x0, p.x);
        x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y);
        y1 = std::max(y1, p.y);
      }
      area = (x1 - x0) * (y1 - y0);
    }
    if (!(area > 0)) throw Error("DBSCAN cannot suggest eps for points that do not spread over an area: give --eps");
    out.eps = suggestEps(n, area, o.minPoints);
    out.epsSuggested = true;
  }
  const PointIndex index(pts);
  const int threads = o.threads ? o.threads : defaultThreads();
  parallelChunks(n, threads, [&](std::size_t b, std::size_t e, int) {
    for (std::size_t i = b; i < e; ++i)
      out.core[i] = index.countWithin(pts[i], out.eps) >= static_cast<std::size_t>(o.minPoints);
  });
  feedback.checkCancelled();
  std::vector<std::size_t> queue;
  int cluster = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!out.core[i] || out.labels[i] >= 0) continue;
    out.labels[i] = cluster;
    queue.assign(1, i);
    std::size_t size = 1;
    while (!queue.empty()) {
      const std::size_t p = queue.back();
      queue.pop_back();
      index.forEachWithin(pts[p], out.eps, [&](std::size_t q, double) {
        if (out.labels[q] >= 0) return;
        out.labels[q] = cluster;
        ++size;
        if (out.core[q]) queue.push_back(q);
      });
    }
    out.sizes.push_back(size);
    ++cluster;
    if ((cluster & 255) == 0) feedback.checkCancelled();
  }
  for (int label : out.labels) out.noise += label < 0;
  return out;
}

}  // namespace fab::defect

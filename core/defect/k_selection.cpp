#include "core/defect/k_selection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <random>

#include "core/common/error.h"
#include "core/defect/kmeans.h"

namespace fab::defect {
namespace {

double logW(std::span<const Point2> pts, int k, std::uint64_t seed) {
  KMeansOptions o;
  o.k = k;
  o.restarts = 2;
  o.tolerance = 0;
  o.seed = seed;
  o.threads = 1;
  const double inertia = kMeans(pts, o).inertia;
  return std::log(std::max(inertia, std::numeric_limits<double>::min()));
}

}  // namespace

void KSelectionOptions::validate() const {
  if (kMax < 1) throw Error("k selection needs kMax >= 1");
  if (sampleSize < 2) throw Error("k selection needs a sample of at least 2 points");
  if (references < 1) throw Error("the gap statistic needs at least one reference set");
  if (!(referenceRadius >= 0)) throw Error("the reference radius must be zero or positive");
}

double meanSilhouette(std::span<const Point2> pts, std::span<const int> labels) {
  if (pts.size() != labels.size()) throw Error("silhouette: one label per point is needed");
  std::vector<int> ids(labels.begin(), labels.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> sizes(ids.size(), 0);
  std::vector<int> slot(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    slot[i] = static_cast<int>(std::lower_bound(ids.begin(), ids.end(), labels[i]) - ids.begin());
    ++sizes[static_cast<std::size_t>(slot[i])];
  }
  double total = 0;
  std::vector<double> sum(ids.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t j = 0; j < pts.size(); ++j)
      if (j != i) sum[static_cast<std::size_t>(slot[j])] += std::sqrt(squaredDistance(pts[i], pts[j]));
    const auto own = static_cast<std::size_t>(slot[i]);
    if (sizes[own] < 2) continue;  // s(i) = 0 for a point alone in its cluster
    const double a = sum[own] / static_cast<double>(sizes[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < ids.size(); ++c)
      if (c != own && sizes[c]) b = std::min(b, sum[c] / static_cast<double>(sizes[c]));
    const double m = std::max(a, b);
    total += m > 0 ? (b - a) / m : 0.0;
  }
  return total / static_cast<double>(pts.size());
}

KSelection selectK(std::span<const Point2> points, const KSelectionOptions& o, const Feedback& feedback) {
  o.validate();
  requireFinite(points, "k selection");
  if (points.size() < 2) throw Error("k selection needs at least 2 points, got " + std::to_string(points.size()));
  std::mt19937_64 rng(o.seed);
  std::vector<Point2> sample(points.begin(), points.end());
  if (sample.size() > o.sampleSize) {
    std::shuffle(sample.begin(), sample.end(), rng);
    sample.resize(o.sampleSize);
  }
  const int kMax =
      std::min<int>(o.kMax, static_cast<int>(sample.size()) - 1 > 0 ? static_cast<int>(sample.size()) - 1 : 1);
  KSelection out;
  out.sampleSize = sample.size();
  double x0 = sample[0].x, x1 = x0, y0 = sample[0].y, y1 = y0;
  for (const auto& p : sample) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  // B reference sets, uniform on the wafer disc or on the bounding box.
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<Point2>> refs(static_cast<std::size_t>(o.references));
  for (auto& ref : refs) {
    ref.resize(sample.size());
    for (auto& p : ref) {
      if (o.referenceRadius > 0) {
        const double r = o.referenceRadius * std::sqrt(unit(rng)), t = 2 * std::numbers::pi * unit(rng);
        p = {r * std::cos(t), r * std::sin(t)};
      } else {
        p = {x0 + (x1 - x0) * unit(rng), y0 + (y1 - y0) * unit(rng)};
      }
    }
  }
  for (int k = 1; k <= kMax + 1 && k <= static_cast<int>(sample.size()); ++k) {
    feedback.checkCancelled();
    feedback.report(static_cast<double>(k - 1) / (kMax + 1), "choosing k");
    const double lw = logW(sample, k, o.seed + static_cast<std::uint64_t>(k));
    std::vector<double> lref;
    for (std::size_t b = 0; b < refs.size(); ++b)
      lref.push_back(logW(refs[b], k, o.seed + 1000 * (b + 1) + static_cast<std::uint64_t>(k)));
    const double mean = std::accumulate(lref.begin(), lref.end(), 0.0) / static_cast<double>(lref.size());
    double var = 0;
    for (double v : lref) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / static_cast<double>(lref.size()));
    out.k.push_back(k);
    out.logInertia.push_back(lw);
    out.gap.push_back(mean - lw);
    out.gapSe.push_back(sd * std::sqrt(1.0 + 1.0 / static_cast<double>(lref.size())));
    if (k == 1) {
      out.silhouette.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      KMeansOptions km;
      km.k = k;
      km.restarts = 2;
      km.seed = o.seed + static_cast<std::uint64_t>(k);
      km.threads = 1;
      const auto fit = kMeans(sample, km);
      out.silhouette.push_back(meanSilhouette(sample, fit.labels));
    }
  }
  // Tibshirani's rule over k = 1 … kMax (k = kMax + 1 only serves the comparison).
  const int computed = static_cast<int>(out.k.size());
  out.gapK = std::min(kMax, computed);
  for (int i = 0; i + 1 < computed && i < kMax; ++i)
    if (out.gap[i] >= out.gap[i + 1] - out.gapSe[i + 1]) {
      out.gapK = out.k[i];
      break;
    }
  double bestS = -2;
  for (int i = 1; i < computed && i < kMax; ++i)
    if (out.silhouette[i] > bestS) {
      bestS = out.silhouette[i];
      out.silhouetteK = out.k[i];
    }
  // Keep the reported table to k = 1 … kMax.
  if (computed > kMax) {
    out.k.resize(kMax);
    out.logInertia.resize(kMax);
    out.gap.resize(kMax);
    out.gapSe.resize(kMax);
    out.silhouette.resize(kMax);
  }
  out.clusterStructure = out.gapK > 1;
  out.message =
      out.clusterStructure
          ? "k = " + std::to_string(out.gapK) + " fits (gap statistic)" +
                (out.silhouetteK ? "; the silhouette favours k = " + std::to_string(out.silhouetteK) : std::string())
          : "no cluster structure: the positions are as spread as uniformly random ones (gap statistic "
            "chooses k = 1); treat these defects as random";
  feedback.report(1.0, "choosing k");
  return out;
}

}  // namespace fab::defect

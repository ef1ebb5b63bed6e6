#include "core/defect/clustering.h"

#include <cctype>
#include <cmath>
#include <numbers>

#include "core/common/error.h"
#include "core/defect/dbscan.h"
#include "core/defect/kde_clusters.h"
#include "core/defect/kmeans.h"
#include "core/defect/mean_shift.h"

namespace fab::defect {

std::string_view clusterMethodName(ClusterMethod m) {
  switch (m) {
    case ClusterMethod::KMeans:
      return "kmeans";
    case ClusterMethod::Kde:
      return "kde";
    case ClusterMethod::MeanShift:
      return "meanshift";
    case ClusterMethod::Dbscan:
      return "dbscan";
  }
  return "kmeans";
}

ClusterMethod clusterMethodFromName(std::string_view name) {
  std::string s;
  for (char c : name)
    if (c != '-' && c != '_') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "kmeans") return ClusterMethod::KMeans;
  if (s == "kde") return ClusterMethod::Kde;
  if (s == "meanshift") return ClusterMethod::MeanShift;
  if (s == "dbscan") return ClusterMethod::Dbscan;
  throw Error("unknown clustering method '" + std::string(name) + "' (kmeans, kde, meanshift, dbscan)");
}

Clustering runClustering(std::span<const Point2> pts, const ClusterRequest& r, const Feedback& feedback) {
  Clustering c;
  c.method = r.method;
  switch (r.method) {
    case ClusterMethod::KMeans: {
      int k = r.k;
      if (k <= 0) {
        KSelectionOptions so;
        so.kMax = r.kMax;
        so.seed = r.seed;
        so.referenceRadius = r.waferRadius;
        c.kSelection = selectK(pts, so, feedback);
        k = c.kSelection->gapK;
      }
      KMeansOptions o;
      o.k = k;
      o.seed = r.seed;
      auto km = kMeans(pts, o, feedback);
      c.labels = std::move(km.labels);
      c.sizes = std::move(km.sizes);
      c.centres = std::move(km.centroids);
      c.inertia = km.inertia;
      c.k = k;
      c.warnings = std::move(km.warnings);
      break;
    }
    case ClusterMethod::Kde: {
      KdeClusterOptions o;
      o.kde.waferRadius = r.waferRadius;
      if (r.bandwidth > 0) {
        o.kde.rule = BandwidthRule::Given;
        o.kde.bandwidth = r.bandwidth;
      }
      o.minClusterSize = static_cast<std::size_t>(std::max(r.minPoints, 1));
      auto kc = kdeClusters(pts, o);
      c.labels = std::move(kc.labels);
      c.sizes = std::move(kc.sizes);
      c.centres = std::move(kc.peaks);
      c.noise = kc.noise;
      c.density = std::move(kc.pointDensity);
      c.densityLevel = kc.level;
      c.bandwidth = std::max(kc.grid.bandwidth.x, kc.grid.bandwidth.y);
      c.warnings = std::move(kc.grid.warnings);
      break;
    }
    case ClusterMethod::MeanShift: {
      MeanShiftOptions o;
      o.bandwidth = r.bandwidth;
      o.kernel = r.gaussianMeanShift ? MeanShiftKernel::Gaussian : MeanShiftKernel::Flat;
      o.minClusterSize = static_cast<std::size_t>(std::max(r.minPoints, 1));
      auto ms = meanShift(pts, o, feedback);
      c.labels = std::move(ms.labels);
      c.sizes = std::move(ms.sizes);
      c.centres = std::move(ms.modes);
      c.noise = ms.noise;
      c.bandwidth = ms.bandwidth;
      c.warnings = std::move(ms.warnings);
      break;
    }
    case ClusterMethod::Dbscan: {
      DbscanOptions o;
      o.eps = r.eps;
      o.minPoints = r.minPoints;
      if (r.waferRadius > 0) o.area = std::numbers::pi * r.waferRadius * r.waferRadius;
      auto db = dbscan(pts, o, feedback);
      c.labels = std::move(db.labels);
      c.sizes = std::move(db.sizes);
      c.noise = db.noise;
      c.eps = db.eps;
      c.centres.assign(c.sizes.size(), Point2{});
      for (std::size_t i = 0; i < pts.size(); ++i)
        if (c.labels[i] >= 0) {
          auto& m = c.centres[static_cast<std::size_t>(c.labels[i])];
          const double n = static_cast<double>(c.sizes[static_cast<std::size_t>(c.labels[i])]);
          m.x += pts[i].x / n;
          m.y += pts[i].y / n;
        }
      break;
    }
  }
  return c;
}

}  // namespace fab::defect

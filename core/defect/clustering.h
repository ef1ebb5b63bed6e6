#pragma once
// One entry point for the four clustering methods, as the CLI and the
// clustering panel offer them: k-means (k given, or chosen by the gap
// statistic), KDE level sets, mean shift and DBSCAN. Labels are per input
// point, -1 for noise.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/feedback.h"
#include "core/defect/k_selection.h"
#include "core/defect/point.h"

namespace fab::defect {

enum class ClusterMethod { KMeans, Kde, MeanShift, Dbscan };
std::string_view clusterMethodName(ClusterMethod method);
/// "kmeans", "kde", "meanshift" (or "mean-shift"), "dbscan"; fab::Error otherwise.
ClusterMethod clusterMethodFromName(std::string_view name);

struct ClusterRequest {
  ClusterMethod method = ClusterMethod::KMeans;
  int k = 0;  ///< k-means: 0 = choose k with the gap statistic (up to kMax)
  int kMax = 8;
  double bandwidth = 0;  ///< KDE and mean shift: 0 = Scott's rule
  bool gaussianMeanShift = false;
  double eps = 0;     ///< DBSCAN: 0 = suggested from the density
  int minPoints = 5;  ///< DBSCAN's core count; the smallest cluster kept by KDE and mean shift
  std::uint64_t seed = 1;
  double waferRadius = 0;  ///< > 0: the wafer disc (KDE edge correction, DBSCAN density, k-selection reference)
};

struct Clustering {
  ClusterMethod method = ClusterMethod::KMeans;
  std::vector<int> labels;
  std::vector<std::size_t> sizes;
  std::vector<Point2> centres;  ///< centroids (k-means), peaks (KDE), modes (mean shift), means (DBSCAN)
  std::size_t noise = 0;
  double inertia = 0;             ///< k-means only
  std::vector<double> density;    ///< KDE only: the estimate at each point, per µm²
  double densityLevel = 0;        ///< KDE only
  double bandwidth = 0, eps = 0;  ///< the values used
  int k = 0;
  std::optional<KSelection> kSelection;  ///< when k was chosen
  std::vector<std::string> warnings;
};

Clustering runClustering(std::span<const Point2> points, const ClusterRequest& request, const Feedback& feedback = {});

}  // namespace fab::defect

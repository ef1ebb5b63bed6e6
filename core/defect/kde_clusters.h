#pragma once
// Clusters as the connected regions where the kernel density estimate rises
// above a multiple of the wafer's background density (level-set clustering,
// Hartigan, *Clustering Algorithms*, 1975, §11); points outside every region
// are noise (background defects).
#include <span>
#include <vector>

#include "core/defect/kde.h"

namespace fab::defect {

struct KdeClusterOptions {
  KdeOptions kde;
  double threshold = 2.0;          ///< level, as a multiple of KdeGrid::background()
  std::size_t minClusterSize = 5;  ///< smaller regions' points become noise
  void validate() const;
};

struct KdeClusters {
  KdeGrid grid;
  std::vector<int> labels;           ///< per input point; -1 = noise; clusters numbered by size, largest first
  std::vector<double> pointDensity;  ///< the estimate at each point, per µm²
  std::vector<std::size_t> sizes;
  std::vector<Point2> peaks;  ///< highest grid node of each cluster
  std::vector<double> peakDensity;
  double level = 0;  ///< the density threshold used, per µm²
  std::size_t noise = 0;
};

KdeClusters kdeClusters(std::span<const Point2> points, const KdeClusterOptions& options = {});

}  // namespace fab::defect

#pragma once
// DBSCAN (Ester, Kriegel, Sander & Xu, KDD 1996) on a nanoflann k-d tree: a
// point with at least minPoints points (itself included) within eps is a core
// point; clusters are the core points linked through their eps-neighbourhoods
// plus the border points they reach; everything else is noise (label -1).
#include <span>
#include <vector>

#include "core/common/feedback.h"
#include "core/defect/point.h"

namespace fab::defect {

struct DbscanOptions {
  double eps = 0;     ///< neighbourhood radius (µm); 0 = suggestEps for the data
  int minPoints = 5;  ///< points within eps (itself included) that make a core point
  /// Area (µm²) the defects are spread over, for the eps suggestion; 0 = the points' bounding box.
  double area = 0;
  int threads = 0;
  void validate() const;
};

struct DbscanResult {
  std::vector<int> labels;  ///< per input point; -1 = noise; clusters numbered in input order of their first core point
  std::vector<bool> core;
  std::vector<std::size_t> sizes;
  std::size_t noise = 0;
  double eps = 0;
  bool epsSuggested = false;
};

DbscanResult dbscan(std::span<const Point2> points, const DbscanOptions& options = {}, const Feedback& feedback = {});

/// The radius at which a point of a completely random (Poisson) pattern of the
/// same density n/area has only probability `coreProbability` of being a core
/// point: P(Poisson(λπr²) >= minPoints − 1) = coreProbability, solved with the
/// regularised incomplete gamma function (P(N >= m) = P(m, μ)).
double suggestEps(std::size_t pointCount, double area, int minPoints, double coreProbability = 0.01);

}  // namespace fab::defect

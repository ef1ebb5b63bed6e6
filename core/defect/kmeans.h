#pragma once
// k-means clustering of defect positions: k-means++ seeding (Arthur &
// Vassilvitskii 2007, with the greedy 2 + ln k candidate trials), Lloyd
// iterations whose assignment step skips distance computations with
// Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010),
// several restarts keeping the lowest inertia, and a seed for reproducible runs.
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/defect/point.h"

namespace fab::defect {

struct KMeansOptions {
  int k = 8;
  int restarts = 3;  ///< runs from different seedings; the lowest inertia is kept
  int maxIterations = 300;
  /// Stop when the summed squared centre shift of an iteration falls below
  /// tolerance × the mean per-axis variance of the data (0: iterate until no
  /// point changes cluster). A final exact assignment always follows.
  double tolerance = 1e-4;
  std::uint64_t seed = 1;
  int threads = 0;  ///< 0 = every hardware thread
  /// Throws fab::Error with a message naming the bad option.
  void validate(std::size_t pointCount) const;
};

struct KMeansResult {
  std::vector<int> labels;  ///< cluster of each input point, in input order
  std::vector<Point2> centroids;
  std::vector<std::size_t> sizes;
  double inertia = 0;  ///< Σ squared distance of each point to its centroid
  int iterations = 0;  ///< Lloyd iterations of the kept run
  bool converged = false;
  int bestRestart = 0;
  std::vector<double> restartInertia;
  std::vector<std::string> warnings;
};

KMeansResult kMeans(std::span<const Point2> points, const KMeansOptions& options = {}, const Feedback& feedback = {});

/// k-means++ seeding: each next centre drawn with probability proportional to
/// the squared distance to the nearest chosen centre, keeping the best of
/// `localTrials` draws (0 = 2 + ⌊ln k⌋).
std::vector<Point2> kMeansPlusPlus(std::span<const Point2> points, int k, std::mt19937_64& rng, int localTrials = 0,
                                   int threads = 1);

/// Σ squared distance of every point to its nearest centre.
double inertiaOf(std::span<const Point2> points, std::span<const Point2> centres);

}  // namespace fab::defect

#pragma once
// Which k fits: the gap statistic (Tibshirani, Walther & Hastie, "Estimating
// the number of clusters in a data set via the gap statistic", JRSS B 63,
// 2001), which can answer k = 1 — no cluster structure, e.g. random defects —
// and the mean silhouette (Rousseeuw, J. Comput. Appl. Math. 20, 1987), both
// on a random sample of the points.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/defect/point.h"

namespace fab::defect {

struct KSelectionOptions {
  int kMax = 8;
  std::size_t sampleSize = 1000;  ///< points drawn (without replacement) for the diagnostic
  int references = 10;            ///< B uniform reference sets for the gap statistic
  /// > 0: reference points are uniform on the disc of this radius around (0, 0)
  /// (the wafer); 0: uniform on the sample's bounding box.
  double referenceRadius = 0;
  std::uint64_t seed = 1;
  void validate() const;
};

struct KSelection {
  std::vector<int> k;              ///< 1 … kMax
  std::vector<double> logInertia;  ///< log W_k of the sample
  std::vector<double> gap, gapSe;  ///< Gap(k) and s_k = sd_k √(1 + 1/B)
  std::vector<double> silhouette;  ///< mean silhouette; NaN at k = 1
  int gapK = 1;                    ///< the smallest k with Gap(k) >= Gap(k+1) − s_(k+1)
  int silhouetteK = 0;             ///< the k >= 2 of largest mean silhouette (0 when kMax < 2)
  bool clusterStructure = false;   ///< gapK > 1
  std::size_t sampleSize = 0;
  std::string message;  ///< one line for the user
};

KSelection selectK(std::span<const Point2> points, const KSelectionOptions& options = {},
                   const Feedback& feedback = {});

/// Mean silhouette of a labelling (exact, O(n²)); points alone in their
/// cluster count 0. NaN when there are fewer than two clusters.
double meanSilhouette(std::span<const Point2> points, std::span<const int> labels);

}  // namespace fab::defect

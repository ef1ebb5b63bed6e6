#pragma once
// Mean-shift clustering (Fukunaga & Hostetler 1975; Comaniciu & Meer, "Mean
// shift: a robust approach toward feature space analysis", IEEE PAMI 24,
// 2002) on a nanoflann k-d tree: seeds climb to the modes of the kernel
// density estimate (flat kernel: mean of the points within h; Gaussian:
// weights exp(−d²/2h²) out to 3h), modes closer than h merge (the one with
// more points within h kept), and each point joins its nearest mode; points
// farther than h from every mode, or in clusters smaller than the minimum
// size, are noise (label -1).
#include <span>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/defect/point.h"

namespace fab::defect {

enum class MeanShiftKernel { Flat, Gaussian };

struct MeanShiftOptions {
  double bandwidth = 0;  ///< h (µm); 0 = Scott's rule (the larger axis), as for the KDE
  MeanShiftKernel kernel = MeanShiftKernel::Flat;
  /// Seeds at the centres of an h-grid's occupied cells (at least minBinCount
  /// points) instead of at every point: far fewer climbs, the same modes.
  bool binSeeding = true;
  int minBinCount = 1;
  int maxIterations = 300;
  std::size_t minClusterSize = 1;
  int threads = 0;
  void validate() const;
};

struct MeanShiftResult {
  std::vector<int> labels;  ///< per input point; -1 = noise; clusters numbered by size, largest first
  std::vector<Point2> modes;
  std::vector<std::size_t> sizes;
  std::size_t noise = 0;
  double bandwidth = 0;
  std::size_t seeds = 0;
  std::vector<std::string> warnings;
};

MeanShiftResult meanShift(std::span<const Point2> points, const MeanShiftOptions& options = {},
                          const Feedback& feedback = {});

}  // namespace fab::defect

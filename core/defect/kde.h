#pragma once
// Gaussian kernel density estimate of defect positions on a grid (fast enough
// to draw), with the bandwidth by Scott's or Silverman's rule or given, and
// the wafer edge corrected by renormalisation: the estimate at x is divided
// by the kernel mass that falls inside the wafer, ∫_disc K_h(x − y) dy
// (Diggle, "A kernel method for smoothing point process data", Appl. Statist.
// 34, 1985; Jones, Statistics and Computing 3, 1993), without which an edge
// ring reads at about half its density.
//
// The grid estimate bins the points linearly onto the grid nodes and
// convolves the bins with the separable Gaussian kernel truncated at 4h
// (Wand & Jones, *Kernel Smoothing*, 1995, Appendix D); kdeDirect is the
// exact O(n·m) sum.
#include <span>
#include <string>
#include <vector>

#include "core/defect/point.h"

namespace fab::defect {

enum class BandwidthRule { Scott, Silverman, Given };
enum class EdgeCorrection { None, Renormalise };

struct Bandwidth {
  double x = 0, y = 0;  ///< standard deviations of the product Gaussian kernel, µm
};

/// Scott: h_j = σ_j n^(−1/6) (Scott, *Multivariate Density Estimation*, 1992,
/// eq. 6.42 with d = 2). Silverman: h_j = min(σ_j, IQR_j/1.349) (4/((d+2)n))^(1/(d+4)),
/// which in 2-D is the same factor n^(−1/6) with the robust spread
/// (Silverman, *Density Estimation*, 1986, eq. 4.14 and §3.4.2).
/// Throws fab::Error for fewer than 2 points or when every point coincides.
Bandwidth bandwidthFor(std::span<const Point2> points, BandwidthRule rule);

struct KdeOptions {
  BandwidthRule rule = BandwidthRule::Scott;
  double bandwidth = 0;  ///< µm on both axes, with BandwidthRule::Given
  int gridSize = 200;    ///< nodes per axis
  /// > 0: the grid spans this wafer disc (centre (0, 0)), the density is 0
  /// outside it and edge-corrected inside; 0: the grid spans the points ± 4h.
  double waferRadius = 0;
  EdgeCorrection edge = EdgeCorrection::Renormalise;
  void validate() const;
};

struct KdeGrid {
  int nx = 0, ny = 0;
  double x0 = 0, y0 = 0, dx = 0, dy = 0;  ///< node (i, j) sits at (x0 + i·dx, y0 + j·dy)
  std::vector<double> density;            ///< density[j·nx + i], per µm² (the estimate integrates to 1)
  Bandwidth bandwidth;
  double waferRadius = 0;
  bool edgeCorrected = false;
  std::size_t pointCount = 0;
  std::vector<std::string> warnings;

  /// Bilinear interpolation between nodes; 0 outside the grid (or the wafer).
  double at(Point2 p) const;
  /// The density of the same number of points spread uniformly (over the
  /// wafer, or over the grid when no wafer is given), per µm².
  double background() const;
  Point2 node(int i, int j) const { return {x0 + i * dx, y0 + j * dy}; }
};

KdeGrid kdeOnGrid(std::span<const Point2> points, const KdeOptions& options = {});

/// The exact estimate at each query: (1/n) Σ K_h(q − p), divided by
/// kernelMassInDisc when a wafer radius is given and correction is asked for.
std::vector<double> kdeDirect(std::span<const Point2> points, Bandwidth h, std::span<const Point2> queries,
                              double waferRadius = 0, EdgeCorrection edge = EdgeCorrection::None);

/// ∫ over the disc |y| <= radius of the product Gaussian kernel centred at `at`
/// (1-D adaptive Gauss–Kronrod quadrature over the chord direction).
double kernelMassInDisc(Point2 at, Bandwidth h, double radius);

}  // namespace fab::defect

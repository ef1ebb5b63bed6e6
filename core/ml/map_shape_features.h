#pragma once
// Shape features of a die map, read from the die grid itself: where the
// failing dies are and what shape the largest cluster of them has. They are
// the classifier's second input, next to the resampled image (map_resampler.h).
//
// After Wu, Jang & Chen, "Wafer Map Failure Pattern Recognition and Similarity
// Ranking for Large-Scale Data Sets", IEEE Trans. Semiconductor Manufacturing
// 28(1):1-12, 2015, §III: density in 13 regions, Radon projections and the
// geometry of the most salient fail region. Here every feature is made
// invariant to the turns and mirrorings of the map (sectors sorted, Radon
// summarised over all angles), because a pattern's class does not depend on
// where the notch is.
#include <array>

#include "core/ml/die_map.h"

namespace fab::ml {

inline constexpr int kShapeFeatureCount = 66;
/// Indices of features 54 and 56 below: the largest clustered-fail component's
/// share of the dies and its centre's radius.
inline constexpr int kLargestClusterShare = 54;
inline constexpr int kLargestClusterCentreRadius = 56;

/// The 66 shape features of a die map, in this order. Die (x, y) is the cell
/// (column x, row y) of the die grid; the pitch is not used (one die = one
/// unit). c = mean position of all dies, R = largest distance of a die from c
/// (at least 1), r = a die's distance from c over R (0…1), θ its angle about c.
/// Quadrants, octants and sectors are closed, so that turning or mirroring the
/// map moves no die across a region's edge: a die on the line between two of
/// them counts in both; a die at c (no angle) is in none.
/// "Clustered" fails are the failing dies with ≥ kClusteredFailNeighbours (2)
/// failing dies among their 8 neighbours (as the fourth image channel).
///
///  0      failing dies / dies
///  1      clustered failing dies / dies
///  2–24   on all failing dies, fail density (failing / dies, 0 for a region
///         without dies) of: the centre disc r < 1/3; the four quadrants of the
///         ring 1/3 ≤ r < 2/3, sorted ascending; the eight octants of the ring
///         r ≥ 2/3, sorted ascending; then ten rings [k/10, (k+1)/10), k = 0…9,
///         the last one closed (r = 1 included)
///  25–47  the same 23 densities on the clustered fails
///  48–52  Radon projections of the clustered fails: for θ = 0°, 10°, …, 170°
///         every clustered die's offset from c is projected on (cos θ, sin θ)
///         and counted in unit bins (bin = round(projection), halves away from
///         0); per angle the largest bin count M(θ) and the standard deviation
///         S(θ) of the counts over the 2⌈R⌉ + 1 bins −⌈R⌉…⌈R⌉ (divided by the
///         bin count); features max M/R, min M/R, (max M − min M)/R,
///         max S/R, min S/R (all 0 without clustered fails)
///  53     ln(1 + number of 8-connected components of clustered fails)
///  54–65  the largest such component (ties: the one holding the first die in
///         the map's order), all 0 when there is none:
///         54 its dies / dies; 55 its dies / clustered dies; 56 distance of its
///         mean position from c, over R; 57, 58 √λ₁/R, √λ₂/R with λ₁ ≥ λ₂ the
///         eigenvalues of the sample covariance (n − 1) of its die positions
///         (0 for a single die); 59 √(λ₂/λ₁) (1 when λ₁ = 0); 60 its boundary
///         dies (a 4-neighbour not in it) over √(its dies); 61 its dies over its
///         dies plus the holes inside it (cells not reachable from outside its
///         bounding box through 4-neighbour steps that avoid it); 62, 63, 64 min,
///         max and mean r of its dies; 65 the fraction of 16 equal angle
///         sectors about c that hold one of its dies
///
/// Throws fab::Error for an empty map or a die listed twice.
std::array<float, kShapeFeatureCount> mapShapeFeatures(const DieMap& map);

}  // namespace fab::ml

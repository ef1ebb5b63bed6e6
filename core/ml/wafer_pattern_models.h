#pragma once
// The synthetic generator's model of each failure-pattern class: a field of
// die fail probabilities over the wafer, drawn at random within stated ranges.
#include <functional>

#include "core/ml/random.h"
#include "core/ml/wafer_pattern.h"

namespace fab::ml {

/// Where and how large local blobs are drawn (the local model below).
struct LocalBlobs {
  double centreLow = 0.25, centreHigh = 0.6;  ///< radius range of a blob's centre
  bool mayReachEdge = false;                  ///< else a blob is pulled inside radius 0.82
  /// Area range of a blob as a share of the wafer (0 and 0: semi-axes from the size scale instead).
  double areaLow = 0, areaHigh = 0;
};

/// What a pattern is drawn for. Lengths are in wafer radii (the usable wafer is
/// the unit disc, notch down).
struct PatternContext {
  double diePitch = 0.05;  ///< the larger of die width and height
  double sizeScale = 1.0;  ///< multiplies every size range below
  double strength = 1.0;   ///< multiplies the intensity (a mixed map's secondary pattern is weaker)
  bool partial = false;    ///< draw the class's incomplete variant
  LocalBlobs local;        ///< placement and size of a local blob
};

/// Fail probability of a die centred at (x, y), before the background is added.
using PatternField = std::function<double(double x, double y)>;

/// Draws one instance of a class. The models, with s = sizeScale, p = diePitch,
/// q the intensity (fail probability in the core of the pattern), U(a, b) uniform,
/// edges softened by a logistic step of the stated width:
///  - center: a disc centred within 0.1 of the wafer centre, radius s·U(0.15, 0.35)
///    (≥ 1.5p), q = U(0.6, 0.95); partial: thinned, q = U(0.35, 0.55). Edge 0.03.
///  - donut: a ring centred within 0.05, mid radius s·U(0.38, 0.55), half width
///    s·U(0.07, 0.13) (≥ p, ≤ 0.2), kept outside a hole of radius max(0.2, 2p) and
///    inside radius 0.82 where it fits, q = U(0.6, 0.95); partial:
///    only an arc of U(220°, 300°). Edge 0.025.
///  - edge-ring: the band outside radius 1 − w, w = s·U(0.05, 0.12) (≥ 1.3p),
///    q = U(0.6, 0.95); partial: an arc of U(240°, 320°). Edge 0.015.
///  - edge-local: an ellipse centred on the wafer edge at a random angle, radial
///    semi-axis s·U(0.15, 0.3) (≥ 2p), tangential s·U(0.25, 0.5), q = U(0.6, 0.95);
///    partial: thinned, q = U(0.35, 0.55). Ellipse edges 0.12 of the semi-axes.
///  - local: a rotated ellipse centred at radius U(local.centreLow, local.centreHigh),
///    by default U(0.25, 0.6) and pulled in so that it stays inside radius 0.82
///    (calibrated settings may let it reach the edge), semi-axes a = s·U(0.1, 0.2) (≥ 2p) and
///    a·U(0.6, 1) — or, with an area range set, a·b = U(local.areaLow, local.areaHigh)
///    (the ellipse's share of the unit disc, πab/π), b = a·U(0.6, 1) —
///    q = U(0.6, 0.95); partial: thinned, q = U(0.35, 0.55).
///  - near-full: q = U(0.8, 0.98) everywhere; partial: with a passing pocket of
///    radius U(0.2, 0.35) somewhere on the wafer.
///  - random: q = U(0.18, 0.45) everywhere, no structure (no partial variant).
///  - scratch: a circular arc (curvature U(−1.5, 1.5)) centred on a point within
///    radius 0.5, of length s·U(0.6, 1.3) (at least 10 dies, at most 1.6), U(1, 1.6)
///    dies wide, q = U(0.75, 1); partial: broken into 2–3 dashes covering
///    U(70 %, 90 %) of its length. A scratch is thus always long and thin, a
///    local blob never more than 1.7 times longer than wide.
///  - none: nothing (background only).
PatternField drawPattern(WaferPattern pattern, const PatternContext& context, Rng& rng);

}  // namespace fab::ml

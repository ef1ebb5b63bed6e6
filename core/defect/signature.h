#pragma once
// Spatial signatures of defect patterns, per cluster and per wafer: features
// an engineer can read (radial position and spread, angular span, elongation
// from the covariance, density against the wafer's background) and the label
// they lead to — center, donut, edge-ring, edge-local, local, scratch,
// random, near-full or none (the WM-811K pattern names, Wu, Jang & Chen,
// IEEE Trans. Semicond. Manuf. 28, 2015) — with the rule that fired.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/defect/point.h"

namespace fab::defect {

enum class SignatureLabel { Center, Donut, EdgeRing, EdgeLocal, Local, Scratch, Random, NearFull, None };
std::string_view signatureName(SignatureLabel label);

struct SignatureFeatures {
  std::size_t count = 0;
  double fraction = 0;    ///< of the wafer's defects
  double radialMean = 0;  ///< mean r / R (R: wafer radius)
  double radialSd = 0;    ///< sd of r / R
  double radialMin = 0, radialMax = 0;
  double centroidRadius = 0;    ///< |centroid| / R
  double angularSpanDeg = 0;    ///< smallest arc (seen from the wafer centre) holding every defect
  double circularSpread = 0;    ///< 1 − mean resultant length of the angles: 0 one direction, 1 all around
  double elongation = 1;        ///< √(λ1/λ2) of the position covariance (λ1 >= λ2)
  double majorAxisDeg = 0;      ///< direction of the major axis, degrees from +x in [0, 180)
  double lengthOverRadius = 0;  ///< 4√λ1 / R, the extent along the major axis
  double areaFraction = 0;  ///< cells of a 20 × 20 grid over the wafer holding a defect, over the cells on the wafer
  /// (count / area of the 2σ covariance ellipse, 4π√(λ1λ2)) / (wafer defects / wafer area)
  double densityRatio = 0;
};

/// Thresholds of the labelling rules (applied in this order: none, near-full,
/// edge, scratch, center, donut, local, random).
struct SignatureRules {
  std::size_t minDefects = 5;    ///< fewer: none
  double nearFullArea = 0.8;     ///< areaFraction at or above: near-full
  double scratchElongation = 5;  ///< and lengthOverRadius >= scratchLength: scratch
  double scratchLength = 0.15;
  double edgeRadius = 0.8;       ///< radialMean at or above (and radialMin at or above edgeInnerRadius):
  double edgeInnerRadius = 0.6;  ///< edge-ring (span >= ringSpanDeg) or edge-local
  double ringSpanDeg = 270;
  double centerRadius = 0.3;    ///< radialMean at or below: center
  double donutRadialSd = 0.12;  ///< span >= ringSpanDeg and radialSd at or below: donut
  double localDensity = 2;      ///< densityRatio at or above: local; else random
  double randomAlpha = 0.05;    ///< wafer level: quadrat test p-value at or above: random
};

struct Signature {
  SignatureLabel label = SignatureLabel::None;
  SignatureFeatures features;
  std::string reason;  ///< the rule that fired, with its numbers
};

/// Features of a set of defect positions (wafer frame, µm) on a wafer of
/// radius `waferRadius` holding `waferDefects` defects in all.
SignatureFeatures signatureFeatures(std::span<const Point2> points, double waferRadius, std::size_t waferDefects);
Signature classifySignature(const SignatureFeatures& features, const SignatureRules& rules = {});

/// Index-of-dispersion test of complete spatial randomness on square quadrats
/// (those at least half on the wafer, expected counts in proportion to their
/// area on it): D = Σ (n_i − e_i)²/e_i ~ χ²(m − 1) (Diggle,
/// *Statistical Analysis of Spatial Point Patterns*, 2nd ed., §2.4); a small
/// upper-tail p-value means clustering.
struct RandomnessTest {
  double dispersion = 0;
  int quadrats = 0;
  double pValue = 1;
};
RandomnessTest quadratTest(std::span<const Point2> points, double waferRadius);

struct WaferSignature {
  Signature overall;
  std::vector<Signature> clusters;  ///< by cluster label 0, 1, …
  RandomnessTest randomness;
};

/// The wafer's signature from its defects and their cluster labels (-1 noise):
/// none when too few; near-full when they cover the wafer; random when the
/// quadrat test does not reject randomness; edge-ring when the edge clusters
/// together go round the wafer (arcs of one ring); else the label of the
/// largest labelled cluster (or of all defects together when none is labelled).
WaferSignature waferSignature(std::span<const Point2> points, std::span<const int> labels, double waferRadius,
                              const SignatureRules& rules = {});

}  // namespace fab::defect

#pragma once
// Seeded synthetic wafer maps with known pattern labels, for training and
// testing the wafer-map classifier.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ml/die_map.h"
#include "core/ml/random.h"
#include "core/ml/wafer_pattern.h"
#include "core/ml/wafer_pattern_models.h"

namespace fab::ml {

/// A union of closed intervals to draw a number from (uniform over the union).
struct Ranges {
  std::vector<std::pair<double, double>> intervals;
  double draw(Rng& rng) const;
  bool contains(double v) const;
  std::string describe() const;
};

/// What kind of wafers and patterns to draw. The wafer is round, the die grid
/// is placed with a random sub-die offset, dies are kept when wholly inside the
/// wafer less an edge exclusion of U(0, 0.04) radii, and each die fails with
/// probability 1 − (1 − b)(1 − p₁)(1 − p₂), b the background fail rate and pᵢ
/// the pattern fields (wafer_pattern_models.h). The class of map i is
/// i mod 9, so any run of 9·k maps is balanced.
struct GeneratorSettings {
  Ranges diesAcross;                   ///< dies across the wafer diameter (along x)
  Ranges dieAspect;                    ///< die height / die width
  Ranges background;                   ///< random background fail rate b
  Ranges sizeScale;                    ///< multiplies every pattern size
  double partialProbability = 0.25;    ///< chance a pattern is drawn incomplete (see the class models)
  double mixedProbability = 0.1;       ///< chance a center/donut/edge/local map also carries a weaker scratch
  double pitchKnownProbability = 0.5;  ///< chance the map carries its die pitch (else it must be inferred)
  LocalBlobs local;                    ///< where local blobs sit and how large they are

  /// The training distribution: 16–40 and 52–76 dies across, die aspect 0.75–1.35,
  /// background 0–5 %, size scale 0.85–1.15.
  static GeneratorSettings training();
  /// Settings held out of training: 41–51 and 80–110 dies across, die aspect
  /// 0.6–0.75 and 1.35–1.6, background 5–8 %, size scale 0.7–0.85 and 1.15–1.3.
  static GeneratorSettings heldOut();

  /// Throws fab::Error naming the first bad setting.
  void validate() const;
};

struct SyntheticMap {
  DieMap map;
  WaferPattern label = WaferPattern::None;
  bool partial = false;
  bool mixed = false;  ///< carries a weaker secondary scratch; the label is the main pattern
  int diesAcross = 0;
  double background = 0;
  double sizeScale = 1;
};

class WaferMapGenerator {
 public:
  WaferMapGenerator(GeneratorSettings settings, std::uint64_t seed);

  /// Map number `index` of this seed: the same (seed, index) always gives the same map.
  SyntheticMap generate(std::uint64_t index) const;
  /// Maps first … first + count − 1.
  std::vector<SyntheticMap> generate(std::uint64_t first, std::size_t count) const;

  const GeneratorSettings& settings() const { return settings_; }

 private:
  GeneratorSettings settings_;
  std::uint64_t seed_;
};

}  // namespace fab::ml

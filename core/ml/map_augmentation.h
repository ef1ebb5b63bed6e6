#pragma once
// Label-keeping variations of a real die map, to stretch a small labelled set:
// extra scattered fails (a wafer's random background differs from wafer to
// wafer) and a slightly different die pitch (the same pattern on a product with
// other dies). The 8 turns and mirrors of the square are applied per batch in
// training (models/classifier/distillation.h).
#include <cstdint>

#include "core/ml/die_map.h"
#include "core/ml/random.h"

namespace fab::ml {

struct MapAugmentation {
  /// Each good die turns failing with probability U(0, maxExtraFailRate).
  double maxExtraFailRate = 0.04;
  /// The die height/width used for resampling is the inferred one times
  /// U(1 − aspectJitter, 1 + aspectJitter): the wafer is drawn that much wider or taller.
  double aspectJitter = 0.08;
  /// Throws fab::Error for a rate outside [0, 0.5] or a jitter outside [0, 0.5].
  void validate() const;
};

/// A variation of `map` drawn from `rng`. The pitch ratio of a map without a
/// pitch is inferred as resampleDieMap does (width/height = rows/columns of the
/// die grid) before it is jittered.
DieMap augmentMap(const DieMap& map, const MapAugmentation& augmentation, Rng& rng);

}  // namespace fab::ml

#pragma once
// Synthetic-map generator settings measured on real labelled maps, so that the
// synthetic maps added to real ones in training look like the fab's wafers:
// their die counts, die aspects and scattered background fails.
#include <vector>

#include "core/ml/wafer_map_generator.h"
#include "core/ml/wm811k_maps.h"

namespace fab::ml {

/// What calibrateGenerator measured: the 5th and 95th percentiles (linear
/// interpolation between order statistics, Hyndman & Fan 1996 type 7).
struct RealMapProfile {
  double diesAcrossLow = 0, diesAcrossHigh = 0;  ///< die columns across the map
  double aspectLow = 0, aspectHigh = 0;          ///< die height / width = columns / rows on a round wafer
  double backgroundLow = 0, backgroundHigh = 0;  ///< fail fraction of the maps labelled "none"
  /// Radius (over the wafer's) of the largest fail cluster's centre on the maps
  /// labelled "local" (map_shape_features.h, feature 56); 0 and 0 with fewer than 2 such maps.
  double localCentreLow = 0, localCentreHigh = 0;
  /// The same cluster's dies over the wafer's dies (feature 54), on the same maps.
  double localAreaLow = 0, localAreaHigh = 0;
  int maps = 0, noneMaps = 0, localMaps = 0;
};

/// Measures the profile of the labelled maps at `indices` (all when empty).
/// Throws fab::Error when fewer than 2 maps, or fewer than 2 "none" maps, are labelled.
RealMapProfile measureRealMaps(const std::vector<RecordedWaferMap>& maps, const std::vector<std::size_t>& indices = {});

/// The training generator settings with die counts, die aspects and background
/// fail rates drawn over the profile's 5–95 % ranges (clamped to the
/// generator's limits), and local blobs centred over the real local clusters'
/// 5–95 % range of radii, as large as their 5–95 % range of area shares (a
/// blob fails at q < 1, so this errs on the small side), free to cross the
/// wafer edge as real ones do (when
/// the profile measured at least 2 local maps); pattern sizes, incomplete and
/// mixed patterns as in training().
GeneratorSettings calibratedSettings(const RealMapProfile& profile);

}  // namespace fab::ml

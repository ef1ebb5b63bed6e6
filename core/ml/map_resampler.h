#pragma once
// The image half of the wafer-map classifier's input (classifier_input.h),
// shared by training and inference: a die map of any grid size becomes a fixed
// square image with four channels (off-wafer, pass, fail, and the fail map with
// isolated fails removed).
#include <span>
#include <string_view>
#include <vector>

#include "core/ml/die_map.h"

namespace fab::ml {

inline constexpr int kInputChannels = 4;
inline constexpr int kChannelOffWafer = 0;
inline constexpr int kChannelPass = 1;
inline constexpr int kChannelFail = 2;
/// The fail map with isolated fails removed: a failing die counts here only
/// when at least kClusteredFailNeighbours of its 8 neighbours fail too. This
/// is the denoising of the WM-811K literature (Wu, Jang & Chen, IEEE TSM
/// 28(1), 2015: a spatial filter removes isolated fails before features are
/// read), as a second view next to the raw fail map, with the threshold set so that a one-die-wide line (each die with
/// two failing neighbours) survives, where a 3 × 3 median filter (four) would erase it.
inline constexpr int kChannelClusteredFail = 3;
inline constexpr int kClusteredFailNeighbours = 2;
/// The default square grid. 32×32 is about the die count across a typical
/// WM-811K wafer (most maps there are 25–65 dies across), so most maps lose
/// little; a one-die scratch on a 150-die-wide wafer still shows as a line of
/// cells with ≈ 20 % fail coverage because the resampling keeps fail area.
/// A 64×64 grid made a 0.9 M-parameter ResNet train 6.5× slower on this
/// project's 2-core reference machine, for patterns that are tens of dies wide.
inline constexpr int kDefaultGridSize = 32;

/// A preprocessed map: channel-major [channel][row][column], row 0 at the top
/// (away from the notch), every cell's first three channels summing to 1 and its
/// clustered-fail value at most its fail value.
struct GridMap {
  int size = 0;
  std::vector<float> values;  ///< kInputChannels × size × size

  float at(int channel, int row, int column) const {
    return values[(static_cast<std::size_t>(channel) * size + row) * size + column];
  }
};

/// Resamples a die map onto a size × size grid by exact area weighting.
///
/// Each die is a rectangle of its pitch (given, or inferred: with nx columns
/// and ny rows of dies on a round wafer, width/height = ny/nx), placed in a
/// frame rotated so that the notch points down and y grows upwards. The
/// square around the wafer (the dies' bounding box, widened to a square about
/// its centre) is cut into size × size cells; a cell's pass and fail values are
/// the fractions of its area covered by passing and failing dies (a box filter,
/// i.e. the mean of the die map over the cell) and off-wafer is the rest.
/// Thus the map keeps its round shape and aspect whatever the die pitch, the
/// fail area is conserved, and a map drawn with dies split into k × k smaller
/// dies of the same state gives the same image. The clustered-fail channel is
/// the fail channel of the failing dies with ≥ kClusteredFailNeighbours
/// failing neighbours among the 8 around them in the die grid.
///
/// Throws fab::Error for an empty map, a size below 4, a negative pitch or a
/// die listed twice.
GridMap resampleDieMap(const DieMap& map, int size = kDefaultGridSize);

/// The inputs of many maps back to back (n × kInputChannels × size × size), for batching.
std::vector<float> stackGridMaps(std::span<const GridMap> maps);

}  // namespace fab::ml

#pragma once
// The denoising rule of the WM-811K literature (Wu, Jang & Chen, IEEE TSM
// 28(1), 2015: a spatial filter removes isolated fails before features are
// read): a failing die counts as part of a fail pattern only when enough of
// its neighbours fail too. Used by the clustered-fail image channel
// (map_resampler.h) and the shape features (map_shape_features.h).
#include <vector>

#include "core/ml/die_grid.h"
#include "core/ml/die_map.h"

namespace fab::ml {

/// Per die of `map`: true when it fails and at least kClusteredFailNeighbours
/// (map_resampler.h) of its 8 neighbours in the die grid fail. `grid` is the
/// map's own DieGrid.
std::vector<bool> clusteredFails(const DieMap& map, const DieGrid& grid);

}  // namespace fab::ml

#pragma once
// Die maps for the classifier from a workspace's sort results: each wafer laid
// out with its lot's product (die pitch, notch, row direction). The one
// conversion the CLI, the classifier view and the yield report use.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ml/die_map.h"
#include "core/store/database.h"
#include "core/store/dies.h"

namespace fab::ml {

/// A wafer's die map as the classifier reads it. Pass is the stored pass flag,
/// or membership of `passBins` when given (non-empty). The wafer is named "lot/slot".
DieMap dieMapFromStore(const store::WaferDies& wafer, const store::Product* product,
                       std::span<const long long> passBins = {});

/// A workspace wafer with its die map, its product and the dies it came from.
struct StoredWaferMap {
  store::WaferDies dies;
  std::optional<store::Product> product;
  DieMap map;
};

/// What to tell a user whose filter finds no die map: the lot, or the workspace, and how to import some.
std::string noDieMapsMessage(const store::DieFilter& filter);

/// Every wafer of the filtered lots, ordered by lot and slot. Throws fab::Error
/// naming the lot when there is no die map.
std::vector<StoredWaferMap> loadStoredWaferMaps(store::Database& db, const store::DieFilter& filter = {},
                                                std::span<const long long> passBins = {});

/// The position of lot/wafer among `maps`. Throws fab::Error naming the lots
/// with die maps when the lot has none, or the lot's wafers when the slot is missing.
std::size_t findStoredWafer(std::span<const StoredWaferMap> maps, const std::string& lot, int wafer);

/// Passing dies over dies on the map (0 for a map without dies).
double mapYield(const DieMap& map);

}  // namespace fab::ml

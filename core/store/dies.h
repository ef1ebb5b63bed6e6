#pragma once
// Loading products, die bin maps and defects from a workspace.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace fab::store {

/// A product's layout and bin definitions (docs/ARCHITECTURE.md §3 `product`).
struct Product {
  std::string name;
  double dieWidthUm = 0, dieHeightUm = 0;
  double waferDiameterMm = 300, edgeExclusionMm = 3, scribeUm = 0;
  std::string notch = "down";  ///< down | up | left | right
  int originDieX = 0, originDieY = 0;
  bool yUp = true;
  /// Centre of the origin die's cell from the wafer centre, in the product's view (µm).
  double gridOffsetXUm = 0, gridOffsetYUm = 0;
  std::vector<int> passBins = {1};
  bool isPass(int bin) const;
};

std::optional<Product> loadProduct(Database& db, const std::string& name);
std::vector<Product> listProducts(Database& db);

struct Die {
  int x = 0, y = 0;  ///< die index in the product's die frame
  int bin = 0;
  bool pass = false;  ///< from the file's pass column, else from the product's pass bins
};

struct WaferDies {
  std::string lot;
  int wafer = 0;
  std::string product;  ///< "" when the lot's product is unknown
  std::vector<Die> dies;
};

struct DieFilter {
  std::vector<std::string> lots;  ///< empty = every lot
  std::optional<int> wafer;       ///< only this slot
};

/// The lot names as one JSON array, bound as a single query parameter and read
/// with json_each (a filter of any length without building SQL text).
std::string lotsJson(const std::vector<std::string>& lots);

/// Die maps per wafer, ordered by lot and wafer.
std::vector<WaferDies> loadDies(Database& db, const DieFilter& filter = {});

/// The names of the filtered lots that have dies, in name order (one key lookup per lot, no die read).
std::vector<std::string> lotsWithDies(Database& db, const DieFilter& filter = {});

/// Die counts of one wafer, pass decided as in loadDies (the file's pass
/// column, else the product's pass bins).
struct WaferDieCounts {
  std::string lot;
  int wafer = 0;
  std::int64_t pass = 0, tested = 0;
};
/// Counts per wafer, counted by the database (no die list), ordered by lot and wafer.
std::vector<WaferDieCounts> loadDieCounts(Database& db, const DieFilter& filter = {});

struct Defect {
  std::int64_t defectId = 0;
  double xUm = 0, yUm = 0;  ///< wafer frame: centre origin, y up, micrometres
  std::optional<int> dieX, dieY;
  double sizeUm = 0;  ///< NaN when not given
  int defectClass = 0;
  std::string layer;
};

struct WaferDefects {
  std::string lot;
  int wafer = 0;
  std::vector<Defect> defects;
};

std::vector<WaferDefects> loadDefects(Database& db, const DieFilter& filter = {}, const std::string& layer = "");

/// Lots in the workspace with their product.
struct LotSummary {
  std::string name, product;
  std::int64_t wafers = 0, measurements = 0, dies = 0, defects = 0;
};
std::vector<LotSummary> listLots(Database& db);

}  // namespace fab::store

#include "core/ml/die_map_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/common/error.h"

namespace fab::ml {

DieMap dieMapFromStore(const store::WaferDies& wafer, const store::Product* product,
                       std::span<const long long> passBins) {
  DieMap m;
  m.wafer = wafer.lot + "/" + std::to_string(wafer.wafer);
  if (product) {
    if (product->dieWidthUm > 0 && product->dieHeightUm > 0)
      m.layout.dieWidth = product->dieWidthUm, m.layout.dieHeight = product->dieHeightUm;
    m.layout.notch = notchFromName(product->notch);
    m.layout.yUp = product->yUp;
  }
  m.dies.reserve(wafer.dies.size());
  for (const auto& d : wafer.dies) {
    const bool pass = passBins.empty() ? d.pass : std::find(passBins.begin(), passBins.end(), d.bin) != passBins.end();
    m.dies.push_back({d.x, d.y, pass});
  }
  return m;
}

std::string noDieMapsMessage(const store::DieFilter& filter) {
  return (filter.lots.size() == 1 ? "lot '" + filter.lots.front() + "' has no die maps"
                                  : std::string("the workspace has no die maps")) +
         " (import a die file with fabkit-cli import --kind dies)";
}

std::vector<StoredWaferMap> loadStoredWaferMaps(store::Database& db, const store::DieFilter& filter,
                                                std::span<const long long> passBins) {
  auto wafers = store::loadDies(db, filter);
  if (wafers.empty()) throw Error(noDieMapsMessage(filter));
  std::map<std::string, std::optional<store::Product>> products;
  std::vector<StoredWaferMap> out;
  out.reserve(wafers.size());
  for (auto& w : wafers) {
    auto [it, isNew] = products.try_emplace(w.product);
    if (isNew && !w.product.empty()) it->second = store::loadProduct(db, w.product);
    StoredWaferMap s;
    s.product = it->second;
    s.map = dieMapFromStore(w, s.product ? &*s.product : nullptr, passBins);
    s.dies = std::move(w);
    out.push_back(std::move(s));
  }
  return out;
}

namespace {
/// At most `shown` names joined by ", ", then how many more.
template <class Names>
std::string nameList(const Names& names, std::size_t shown = 20) {
  std::string out;
  std::size_t n = 0;
  for (const auto& name : names) {
    if (n == shown) return out + " and " + std::to_string(names.size() - shown) + " more";
    out += (n++ ? ", " : "") + name;
  }
  return out;
}
}  // namespace

std::size_t findStoredWafer(std::span<const StoredWaferMap> maps, const std::string& lot, int wafer) {
  std::set<std::string> lots;
  std::vector<std::string> slots;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    const auto& w = maps[i].dies;
    lots.insert(w.lot);
    if (w.lot != lot) continue;
    if (w.wafer == wafer) return i;
    slots.push_back(std::to_string(w.wafer));
  }
  if (slots.empty())
    throw Error("lot '" + lot + "' has no die map in the workspace; lots with die maps: " + nameList(lots));
  throw Error("lot '" + lot + "' has no wafer " + std::to_string(wafer) + " with dies; its wafers: " + nameList(slots));
}

double mapYield(const DieMap& map) {
  if (map.dies.empty()) return 0;
  const auto pass = std::count_if(map.dies.begin(), map.dies.end(), [](const MapDie& d) { return d.pass; });
  return static_cast<double>(pass) / static_cast<double>(map.dies.size());
}

}  // namespace fab::ml

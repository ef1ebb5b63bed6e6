#include "core/lean/experimental_unit.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace fab::lean {

std::string_view meanUnitName(MeanUnitKind kind) { return kind == MeanUnitKind::Lot ? "lot means" : "wafer means"; }

MeanUnits meanUnits(const std::vector<double>& values, const std::vector<bool>& after,
                    const std::vector<std::string>& lot, const std::vector<std::size_t>& order, bool byLot) {
  MeanUnits u;
  for (std::size_t i : order) (after[i] ? u.after : u.before).push_back(values[i]);
  if (!byLot || lot.size() != values.size() || order.empty()) return u;

  std::map<std::string, std::size_t> perLot;
  std::map<std::string, int> sides;  // bit 0: has before values, bit 1: has after values
  for (std::size_t i : order) {
    ++perLot[lot[i]];
    sides[lot[i]] |= after[i] ? 2 : 1;
  }
  std::size_t minPer = SIZE_MAX, maxPer = 0;
  for (const auto& [name, n] : perLot) minPer = std::min(minPer, n), maxPer = std::max(maxPer, n);
  if (maxPer <= 1) return u;  // one value per lot: the values are the lots
  u.minPerLot = minPer;
  u.maxPerLot = maxPer;
  for (const auto& [name, s] : sides) u.splitLots += s == 3;

  // Lot means per side, in the order of each lot's first value (order is already phase-then-time).
  struct Acc {
    double sum = 0;
    std::size_t n = 0;
  };
  std::vector<Acc> acc[2];
  std::vector<std::string> names[2];
  std::map<std::pair<std::string, bool>, std::size_t> index;
  for (std::size_t i : order) {
    const int side = after[i] ? 1 : 0;
    auto [it, added] = index.try_emplace({lot[i], after[i]}, acc[side].size());
    if (added) acc[side].push_back({}), names[side].push_back(lot[i]);
    acc[side][it->second].sum += values[i];
    ++acc[side][it->second].n;
  }
  const std::string perText = minPer == maxPer ? std::to_string(maxPer) + " per lot"
                                               : std::to_string(minPer) + "–" + std::to_string(maxPer) + " per lot";
  if (acc[0].size() < 2 || acc[1].size() < 2) {
    u.note = "wafers are nested in lots (" + perText + "), but with " + std::to_string(acc[0].size()) +
             " lot(s) before and " + std::to_string(acc[1].size()) +
             " after the change the mean shift is tested on wafer means, which overstates the evidence";
    return u;
  }
  u.kind = MeanUnitKind::Lot;
  u.before.clear();
  u.after.clear();
  for (const auto& a : acc[0]) u.before.push_back(a.sum / static_cast<double>(a.n));
  for (const auto& a : acc[1]) u.after.push_back(a.sum / static_cast<double>(a.n));
  u.beforeLot = std::move(names[0]);
  u.afterLot = std::move(names[1]);
  u.note = "wafers are nested in lots (" + perText + "): the mean shift is tested on " + std::to_string(u.size()) +
           " lot means (" + std::to_string(u.before.size()) + " before, " + std::to_string(u.after.size()) + " after)";
  if (u.splitLots)
    u.note += "; " + std::to_string(u.splitLots) +
              " lot(s) with wafers on both sides of the change split into one unit per side";
  return u;
}

}  // namespace fab::lean

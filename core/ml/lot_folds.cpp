#include "core/ml/lot_folds.h"

#include <algorithm>
#include <limits>
#include <map>

#include "core/common/error.h"
#include "core/ml/random.h"

namespace fab::ml {

std::vector<int> lotGroupedFolds(std::span<const std::string> lots, std::span<const int> labels, int k,
                                 std::uint64_t seed) {
  if (lots.size() != labels.size()) throw Error("lot folds: one lot name per label is needed");
  if (k < 2) throw Error("cross-validation needs at least 2 folds, got " + std::to_string(k));
  int classes = 0;
  for (int y : labels) {
    if (y < 0) throw Error("lot folds: labels must not be negative");
    classes = std::max(classes, y + 1);
  }
  // Group the maps by lot (a map without a lot stands alone), in first-seen order.
  std::map<std::string, std::size_t> lotIndex;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < lots.size(); ++i) {
    if (lots[i].empty()) {
      groups.push_back({i});
      continue;
    }
    const auto [it, added] = lotIndex.emplace(lots[i], groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  if (static_cast<std::size_t>(k) > groups.size())
    throw Error("cross-validation with " + std::to_string(k) + " folds needs at least as many lots; there are " +
                std::to_string(groups.size()));

  // Seeded order (Fisher–Yates), then larger lots first (stable): big lots are hardest to balance.
  Rng rng(seed, 0x10f);
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[static_cast<std::size_t>(rng.uniformInt(0, static_cast<int>(i) - 1))]);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return groups[a].size() > groups[b].size(); });

  std::vector<int> classTotal(classes, 0);
  for (int y : labels) ++classTotal[y];
  std::vector<std::vector<int>> foldClass(k, std::vector<int>(classes, 0));
  std::vector<std::size_t> foldSize(k, 0);
  std::vector<int> fold(lots.size(), -1);
  for (auto g : order) {
    // Cost of a fold: how far each of the lot's maps would push its class past the fold's share.
    int best = 0;
    double bestCost = std::numeric_limits<double>::infinity();
    for (int f = 0; f < k; ++f) {
      double cost = 0;
      for (auto i : groups[g]) cost += (foldClass[f][labels[i]] + 1.0) / (classTotal[labels[i]] / double(k));
      cost += 1e-6 * static_cast<double>(foldSize[f]);
      if (cost < bestCost) bestCost = cost, best = f;
    }
    for (auto i : groups[g]) fold[i] = best, ++foldClass[best][labels[i]];
    foldSize[best] += groups[g].size();
  }
  return fold;
}

}  // namespace fab::ml

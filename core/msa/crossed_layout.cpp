#include "core/msa/crossed_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::msa {
namespace {

std::size_t indexOf(std::unordered_map<std::string, std::size_t>& map, std::vector<std::string>& order,
                    const std::string& key) {
  auto [it, inserted] = map.emplace(key, order.size());
  if (inserted) order.push_back(key);
  return it->second;
}

std::string cellName(const std::string& part, const std::string& appraiser) {
  return "part '" + part + "', appraiser '" + appraiser + "'";
}

}  // namespace

CrossedLayout CrossedLayout::build(std::span<const GaugeMeasurement> measurements) {
  if (measurements.empty()) throw Error("the gauge study has no measurements");
  CrossedLayout layout;
  std::unordered_map<std::string, std::size_t> partIndex, appraiserIndex;
  for (const auto& m : measurements) {
    const std::string part(io::trim(m.part)), appraiser(io::trim(m.appraiser));
    if (part.empty()) throw Error("line " + std::to_string(m.row) + ": the part is empty");
    if (appraiser.empty()) throw Error("line " + std::to_string(m.row) + ": the appraiser (operator) is empty");
    if (!std::isfinite(m.value))
      throw Error("line " + std::to_string(m.row) + ": " + cellName(part, appraiser) +
                  " has no measurement; every part must be measured by every appraiser in every trial");
    if (m.trial < 0) throw Error("line " + std::to_string(m.row) + ": trial numbers start at 1");
    indexOf(partIndex, layout.parts_, part);
    indexOf(appraiserIndex, layout.appraisers_, appraiser);
  }
  const std::size_t cells = layout.parts_.size() * layout.appraisers_.size();
  std::vector<std::vector<const GaugeMeasurement*>> byCell(cells);
  for (const auto& m : measurements)
    byCell[partIndex.at(std::string(io::trim(m.part))) * layout.appraisers_.size() +
           appraiserIndex.at(std::string(io::trim(m.appraiser)))]
        .push_back(&m);
  layout.values_.resize(cells);
  layout.rows_.resize(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    auto& list = byCell[c];
    std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->trial < b->trial; });
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0 && list[i]->trial > 0 && list[i]->trial == list[i - 1]->trial)
        throw Error(
            cellName(layout.parts_[c / layout.appraisers_.size()], layout.appraisers_[c % layout.appraisers_.size()]) +
            ", trial " + std::to_string(list[i]->trial) + " appears twice (lines " + std::to_string(list[i - 1]->row) +
            " and " + std::to_string(list[i]->row) + ")");
      layout.values_[c].push_back(list[i]->value);
      layout.rows_[c].push_back(list[i]->row);
    }
  }
  layout.count_ = measurements.size();
  return layout;
}

int CrossedLayout::requireBalanced(std::string_view method, int minAppraisers) const {
  const std::string what(method);
  if (parts_.size() < 2) throw Error(what + " needs at least 2 parts, got " + std::to_string(parts_.size()));
  if (appraisers_.size() < static_cast<std::size_t>(minAppraisers))
    throw Error(what + " needs at least " + std::to_string(minAppraisers) + " appraisers, got " +
                std::to_string(appraisers_.size()));
  const std::size_t trials = values_.front().size();
  for (std::size_t p = 0; p < parts_.size(); ++p)
    for (std::size_t a = 0; a < appraisers_.size(); ++a) {
      const std::size_t n = values(p, a).size();
      if (n != trials)
        throw Error(what + " needs the same number of trials in every part × appraiser cell (a balanced study): " +
                    cellName(parts_[p], appraisers_[a]) + " has " + std::to_string(n) + ", " +
                    cellName(parts_[0], appraisers_[0]) + " has " + std::to_string(trials));
    }
  if (trials < 2)
    throw Error(what + " needs at least 2 trials per part and appraiser to estimate repeatability, got " +
                std::to_string(trials));
  return static_cast<int>(trials);
}

}  // namespace fab::msa

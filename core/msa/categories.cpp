#include "core/msa/categories.h"

#include <algorithm>
#include <set>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::msa {

bool isMissingRating(std::string_view label) { return io::isMissing(label); }

CategorySet CategorySet::fromLabels(std::span<const std::string> labels,
                                    const std::vector<std::string>& explicitOrder) {
  CategorySet set;
  if (!explicitOrder.empty()) {
    std::set<std::string_view> seen;
    for (const auto& c : explicitOrder) {
      const auto t = io::trim(c);
      if (isMissingRating(t)) throw Error("the category list contains a missing-value token ('" + c + "')");
      if (!seen.insert(t).second)
        throw Error("category '" + std::string(t) + "' is listed twice in the category order");
      set.labels_.emplace_back(t);
    }
    for (const auto& l : labels) {
      const auto t = io::trim(l);
      if (!isMissingRating(t) && !seen.count(t))
        throw Error("rating '" + std::string(t) + "' is not among the listed categories (" + [&] {
          std::string all;
          for (const auto& c : set.labels_) all += (all.empty() ? "" : ", ") + c;
          return all;
        }() + ")");
    }
  } else {
    std::set<std::string> unique;
    for (const auto& l : labels) {
      const auto t = io::trim(l);
      if (!isMissingRating(t)) unique.emplace(t);
    }
    set.labels_.assign(unique.begin(), unique.end());
  }
  set.numeric_ = !set.labels_.empty() && std::all_of(set.labels_.begin(), set.labels_.end(), [](const std::string& l) {
    return io::parseNumber(l).has_value();
  });
  if (set.numeric_) {
    if (explicitOrder.empty())
      std::stable_sort(set.labels_.begin(), set.labels_.end(), [](const std::string& a, const std::string& b) {
        return *io::parseNumber(a) < *io::parseNumber(b);
      });
    for (const auto& l : set.labels_) set.values_.push_back(*io::parseNumber(l));
    // "1" and "1.0" are the same number but different labels: refuse rather than guess.
    for (std::size_t i = 1; i < set.values_.size(); ++i)
      if (explicitOrder.empty() && set.values_[i] == set.values_[i - 1])
        throw Error("ratings '" + set.labels_[i - 1] + "' and '" + set.labels_[i] +
                    "' are the same number written differently; write them the same way");
  }
  return set;
}

int CategorySet::indexOf(std::string_view label) const {
  const auto t = io::trim(label);
  if (isMissingRating(t)) return -1;
  for (std::size_t i = 0; i < labels_.size(); ++i)
    if (labels_[i] == t) return static_cast<int>(i);
  throw Error("rating '" + std::string(t) + "' is not one of the study's categories");
}

std::vector<double> CategorySet::scores() const {
  if (numeric_) return values_;
  std::vector<double> s(labels_.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<double>(i + 1);
  return s;
}

}  // namespace fab::msa

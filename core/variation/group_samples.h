#pragma once
// Values split into labelled groups: the input of the one-way tests.
#include <string>
#include <vector>

namespace fab::variation {

struct GroupSamples {
  std::vector<std::string> label;            ///< one per group
  std::vector<std::vector<double>> values;   ///< finite values of each group
  std::size_t groupCount() const { return label.size(); }
  std::size_t total() const;
};

/// Groups `values` by `labels` (same length), in order of first appearance,
/// leaving out NaN values.
GroupSamples groupValues(const std::vector<std::string>& labels, const std::vector<double>& values);

}  // namespace fab::variation

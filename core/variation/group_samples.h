#pragma once
// Values split into labelled groups: the input of the one-way tests.
#include <string>
#include <vector>

namespace fab::variation {

struct GroupSamples {
  std::vector<std::string> label;           ///< one per group
  std::vector<std::vector<double>> values;  ///< finite values of each group
  /// The unit behind each value ("N2601A/3"), parallel to `values`; empty when not given.
  std::vector<std::vector<std::string>> unit;
  std::size_t groupCount() const { return label.size(); }
  std::size_t total() const;
};

/// Groups `values` by `labels` (same length), in order of first appearance,
/// leaving out NaN values. `units`, when given, names each value's unit (same length).
GroupSamples groupValues(const std::vector<std::string>& labels, const std::vector<double>& values,
                         const std::vector<std::string>& units = {});

}  // namespace fab::variation

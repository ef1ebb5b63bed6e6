#pragma once
// The categories of an attribute study and their order. Weighted kappa,
// Kendall's W and Krippendorff's ordinal and interval alpha need an order:
// numeric labels sort as numbers, other labels as text unless the user gives
// the order explicitly.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fab::msa {

class CategorySet {
 public:
  CategorySet() = default;

  /// The categories used in `labels`, missing tokens (empty, NA, N/A…) left
  /// out. When every label is a number they sort numerically ("2" < "10");
  /// otherwise as text. With `explicitOrder` that order is used as given, and
  /// a label outside it throws fab::Error naming it.
  static CategorySet fromLabels(std::span<const std::string> labels,
                                const std::vector<std::string>& explicitOrder = {});

  std::size_t size() const { return labels_.size(); }
  bool empty() const { return labels_.empty(); }
  const std::vector<std::string>& labels() const { return labels_; }
  const std::string& label(std::size_t i) const { return labels_[i]; }

  /// Index of a label, −1 for a missing token; throws for an unknown label.
  int indexOf(std::string_view label) const;

  /// True when every label is a number; values() then holds them in order.
  bool numeric() const { return numeric_; }
  const std::vector<double>& values() const { return values_; }
  /// Each category's score for rank- or distance-based statistics: its number
  /// when numeric, else its position 1, 2, … in the order.
  std::vector<double> scores() const;

 private:
  std::vector<std::string> labels_;
  std::vector<double> values_;
  bool numeric_ = false;
};

/// True for a rating that counts as not given (see io::isMissing).
bool isMissingRating(std::string_view label);

}  // namespace fab::msa

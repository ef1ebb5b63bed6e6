#pragma once
// The measurements of a crossed variables gauge study (parts × appraisers ×
// trials), indexed by cell and checked once.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fab::msa {

/// One measurement in the long layout.
struct GaugeMeasurement {
  std::string part;
  std::string appraiser;
  int trial = 0;        ///< repeat number (1-based); 0 = take the order of appearance within the cell
  double value = 0;     ///< NaN = not measured (refused with its line)
  std::size_t row = 0;  ///< where it came from (CSV line)
};

class CrossedLayout {
 public:
  /// Parts and appraisers keep their order of first appearance; values within
  /// a cell sort by trial. Throws fab::Error for no measurements, a missing
  /// value (named by line, part and appraiser), an empty part or appraiser name,
  /// or a part/appraiser/trial measured twice.
  static CrossedLayout build(std::span<const GaugeMeasurement> measurements);

  const std::vector<std::string>& parts() const { return parts_; }
  const std::vector<std::string>& appraisers() const { return appraisers_; }
  std::size_t partCount() const { return parts_.size(); }
  std::size_t appraiserCount() const { return appraisers_.size(); }

  /// The cell's values in trial order and their input rows.
  const std::vector<double>& values(std::size_t part, std::size_t appraiser) const {
    return values_[part * appraisers_.size() + appraiser];
  }
  const std::vector<std::size_t>& rows(std::size_t part, std::size_t appraiser) const {
    return rows_[part * appraisers_.size() + appraiser];
  }
  std::size_t measurementCount() const { return count_; }

  /// The common number of trials per cell; throws fab::Error naming the first
  /// cell that differs (or is empty) when the design is unbalanced, and when
  /// there are fewer than 2 trials, 2 parts, or (with `minAppraisers`) appraisers.
  int requireBalanced(std::string_view method, int minAppraisers = 1) const;

 private:
  std::vector<std::string> parts_, appraisers_;
  std::vector<std::vector<double>> values_;
  std::vector<std::vector<std::size_t>> rows_;
  std::size_t count_ = 0;
};

}  // namespace fab::msa

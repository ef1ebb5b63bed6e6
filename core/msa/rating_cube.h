#pragma once
// Attribute ratings (subject × appraiser × trial → category) indexed for the
// agreement statistics, checked once with messages a user can act on.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/msa/categories.h"

namespace fab::msa {

/// One rating of an attribute study, in the long layout.
struct AttributeRating {
  std::string subject;    ///< the part or item rated
  std::string appraiser;  ///< who rated it
  int trial = 1;          ///< repeat number, 1-based
  std::string rating;     ///< category label; a missing token (empty, NA…) = not rated
  std::string standard;   ///< the known standard for the subject; empty = none
  std::size_t row = 0;    ///< where it came from (CSV line), for messages and views
};

class RatingCube {
 public:
  static constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

  /// Indexes the ratings. Subjects and appraisers keep their order of first
  /// appearance, trials sort by number. Throws fab::Error for no ratings, a
  /// trial < 1, the same subject/appraiser/trial rated twice, an appraiser with
  /// no ratings at all, a subject with two different standards, or a standard
  /// given for some subjects but not others.
  static RatingCube build(std::span<const AttributeRating> ratings, const std::vector<std::string>& categoryOrder = {});

  const std::vector<std::string>& subjects() const { return subjects_; }
  const std::vector<std::string>& appraisers() const { return appraisers_; }
  const std::vector<int>& trials() const { return trials_; }
  const CategorySet& categories() const { return categories_; }
  std::size_t subjectCount() const { return subjects_.size(); }
  std::size_t appraiserCount() const { return appraisers_.size(); }
  std::size_t trialCount() const { return trials_.size(); }

  /// Category index of a rating, −1 when not rated.
  int rating(std::size_t subject, std::size_t appraiser, std::size_t trial) const {
    return cells_[index(subject, appraiser, trial)];
  }
  /// Input row of a rating, kNoRow when there is none.
  std::size_t row(std::size_t subject, std::size_t appraiser, std::size_t trial) const {
    return rows_[index(subject, appraiser, trial)];
  }
  bool hasStandard() const { return hasStandard_; }
  /// Category index of the subject's standard (−1 without standards).
  int standard(std::size_t subject) const { return standards_[subject]; }

  /// Subjects × (appraiser, trial) category indexes, appraisers in the order
  /// given, trials within each appraiser.
  std::vector<std::vector<int>> matrix(std::span<const std::size_t> appraisers) const;
  std::vector<std::vector<int>> matrixAll() const;
  /// Names of the matrix columns: "A" with one trial, "A #2" with several.
  std::vector<std::string> columnNames(std::span<const std::size_t> appraisers) const;

  /// Throws fab::Error naming the first subject/appraiser/trial without a rating.
  void requireComplete(std::string_view analysis) const;
  /// The category label of an index; empty for −1.
  std::string label(int category) const { return category < 0 ? std::string() : categories_.label(category); }

 private:
  std::size_t index(std::size_t s, std::size_t a, std::size_t t) const {
    return (s * appraisers_.size() + a) * trials_.size() + t;
  }
  std::vector<std::string> subjects_, appraisers_;
  std::vector<int> trials_;
  CategorySet categories_;
  std::vector<int> cells_;
  std::vector<std::size_t> rows_;
  std::vector<int> standards_;
  bool hasStandard_ = false;
};

}  // namespace fab::msa

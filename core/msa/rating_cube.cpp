#include "core/msa/rating_cube.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::msa {
namespace {

std::string describe(const std::string& subject, const std::string& appraiser, int trial) {
  return "subject '" + subject + "', appraiser '" + appraiser + "', trial " + std::to_string(trial);
}

std::size_t indexOf(std::unordered_map<std::string, std::size_t>& map, std::vector<std::string>& order,
                    const std::string& key) {
  auto [it, inserted] = map.emplace(key, order.size());
  if (inserted) order.push_back(key);
  return it->second;
}

}  // namespace

RatingCube RatingCube::build(std::span<const AttributeRating> ratings, const std::vector<std::string>& categoryOrder) {
  if (ratings.empty()) throw Error("the study has no ratings");
  RatingCube cube;
  std::unordered_map<std::string, std::size_t> subjectIndex, appraiserIndex;
  std::set<int> trials;
  std::vector<std::string> labels;
  for (const auto& r : ratings) {
    if (r.trial < 1)
      throw Error("line " + std::to_string(r.row) + ": trial numbers start at 1, got " + std::to_string(r.trial));
    if (io::trim(r.subject).empty()) throw Error("line " + std::to_string(r.row) + ": the subject (part) is empty");
    if (io::trim(r.appraiser).empty()) throw Error("line " + std::to_string(r.row) + ": the appraiser is empty");
    indexOf(subjectIndex, cube.subjects_, std::string(io::trim(r.subject)));
    indexOf(appraiserIndex, cube.appraisers_, std::string(io::trim(r.appraiser)));
    trials.insert(r.trial);
    labels.push_back(r.rating);
    labels.push_back(r.standard);
  }
  cube.trials_.assign(trials.begin(), trials.end());
  cube.categories_ = CategorySet::fromLabels(labels, categoryOrder);
  if (cube.categories_.empty()) throw Error("the study has no ratings (every rating is missing)");

  std::map<int, std::size_t> trialIndex;
  for (std::size_t t = 0; t < cube.trials_.size(); ++t) trialIndex[cube.trials_[t]] = t;
  const std::size_t cells = cube.subjects_.size() * cube.appraisers_.size() * cube.trials_.size();
  cube.cells_.assign(cells, -1);
  cube.rows_.assign(cells, kNoRow);
  cube.standards_.assign(cube.subjects_.size(), -1);
  std::vector<std::size_t> standardRow(cube.subjects_.size(), kNoRow);
  std::vector<std::size_t> given(cube.appraisers_.size(), 0);

  for (const auto& r : ratings) {
    const std::string subject(io::trim(r.subject)), appraiser(io::trim(r.appraiser));
    const std::size_t s = subjectIndex.at(subject), a = appraiserIndex.at(appraiser);
    const std::size_t i = cube.index(s, a, trialIndex.at(r.trial));
    if (cube.rows_[i] != kNoRow)
      throw Error(describe(subject, appraiser, r.trial) + " appears twice (lines " + std::to_string(cube.rows_[i]) +
                  " and " + std::to_string(r.row) + ")");
    cube.rows_[i] = r.row;
    cube.cells_[i] = cube.categories_.indexOf(r.rating);
    if (cube.cells_[i] >= 0) ++given[a];
    const int standard = cube.categories_.indexOf(r.standard);
    if (standard >= 0) {
      if (cube.standards_[s] >= 0 && cube.standards_[s] != standard)
        throw Error("subject '" + subject + "' has two different standards: '" + cube.label(cube.standards_[s]) +
                    "' (line " + std::to_string(standardRow[s]) + ") and '" + cube.label(standard) + "' (line " +
                    std::to_string(r.row) + ")");
      cube.standards_[s] = standard;
      standardRow[s] = r.row;
    }
  }
  for (std::size_t a = 0; a < cube.appraisers_.size(); ++a)
    if (given[a] == 0) throw Error("appraiser '" + cube.appraisers_[a] + "' has no ratings");

  const auto withStandard = std::count_if(cube.standards_.begin(), cube.standards_.end(), [](int c) { return c >= 0; });
  if (withStandard > 0 && static_cast<std::size_t>(withStandard) < cube.subjects_.size()) {
    const auto s = static_cast<std::size_t>(std::find(cube.standards_.begin(), cube.standards_.end(), -1) -
                                            cube.standards_.begin());
    throw Error("subject '" + cube.subjects_[s] + "' has no standard while " + std::to_string(withStandard) +
                " other subject(s) have one: give a standard for every subject or for none");
  }
  cube.hasStandard_ = withStandard > 0;
  return cube;
}

std::vector<std::vector<int>> RatingCube::matrix(std::span<const std::size_t> appraisers) const {
  std::vector<std::vector<int>> m(subjects_.size());
  for (std::size_t s = 0; s < subjects_.size(); ++s)
    for (std::size_t a : appraisers)
      for (std::size_t t = 0; t < trials_.size(); ++t) m[s].push_back(rating(s, a, t));
  return m;
}

std::vector<std::vector<int>> RatingCube::matrixAll() const {
  std::vector<std::size_t> all(appraisers_.size());
  for (std::size_t a = 0; a < all.size(); ++a) all[a] = a;
  return matrix(all);
}

std::vector<std::string> RatingCube::columnNames(std::span<const std::size_t> appraisers) const {
  std::vector<std::string> names;
  for (std::size_t a : appraisers)
    for (int t : trials_)
      names.push_back(trials_.size() == 1 ? appraisers_[a] : appraisers_[a] + " #" + std::to_string(t));
  return names;
}

void RatingCube::requireComplete(std::string_view analysis) const {
  for (std::size_t s = 0; s < subjects_.size(); ++s)
    for (std::size_t a = 0; a < appraisers_.size(); ++a)
      for (std::size_t t = 0; t < trials_.size(); ++t)
        if (rating(s, a, t) < 0)
          throw Error(std::string(analysis) + " needs every appraiser to rate every subject in every trial: " +
                      describe(subjects_[s], appraisers_[a], trials_[t]) + " has no rating" +
                      (trials_.size() > 1 ? " (are the trials unbalanced?)" : ""));
}

}  // namespace fab::msa

#include "core/msa/attribute_agreement.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using Matrix = std::vector<std::vector<int>>;

/// True when every entry of a row equals `target` (or each other when target < 0).
bool allEqual(const std::vector<int>& row, int target = -1) {
  const int first = target >= 0 ? target : row.front();
  return std::all_of(row.begin(), row.end(), [&](int c) { return c == first; });
}

AssessmentAgreement countMatches(std::string appraiser, const Matrix& ratings, const RatingCube& cube,
                                 bool againstStandard, const AgreementOptions& options) {
  AssessmentAgreement line;
  line.appraiser = std::move(appraiser);
  line.inspected = static_cast<int>(ratings.size());
  for (std::size_t s = 0; s < ratings.size(); ++s) {
    if (allEqual(ratings[s], againstStandard ? cube.standard(s) : -1))
      ++line.matched;
    else
      line.unmatchedSubjects.push_back(s);
  }
  line.percent = clopperPearson(line.matched, line.inspected, options.confidence, options.intervalConvention);
  return line;
}

void addFleiss(AssessmentAgreement& line, const Matrix& ratings, const RatingCube& cube, double confidence) {
  try {
    auto f = fleissKappa(ratings, cube.categories().labels(), {}, confidence);
    line.kappa = KappaTable{std::move(f.overall), std::move(f.perCategory)};
  } catch (const Error& e) {
    line.kappaNote = e.what();
  }
}

void addKendall(AssessmentAgreement& line, const Matrix& ratings, const RatingCube& cube) {
  const auto scores = cube.categories().scores();
  Eigen::MatrixXd m(static_cast<Eigen::Index>(ratings.size()), static_cast<Eigen::Index>(ratings.front().size()));
  for (std::size_t s = 0; s < ratings.size(); ++s)
    for (std::size_t c = 0; c < ratings[s].size(); ++c)
      m(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) = scores[static_cast<std::size_t>(ratings[s][c])];
  try {
    line.kendall = kendallW(m, true);
  } catch (const Error& e) {
    line.kendallNote = e.what();
  }
}

/// Pairs each (subject, trial) rating of one appraiser with the subject's standard.
Matrix pairedWithStandard(const RatingCube& cube, std::size_t appraiser) {
  Matrix pairs;
  for (std::size_t s = 0; s < cube.subjectCount(); ++s)
    for (std::size_t t = 0; t < cube.trialCount(); ++t)
      pairs.push_back({cube.rating(s, appraiser, t), cube.standard(s)});
  return pairs;
}

/// Mean of the appraisers' kappas vs the standard; SE0 of a mean of independent estimates.
std::optional<KappaTable> averageKappa(const std::vector<AssessmentAgreement>& lines, const RatingCube& cube,
                                       double confidence, std::string& note) {
  for (const auto& l : lines)
    if (!l.kappa) {
      note = "undefined because appraiser '" + l.appraiser + "' has no kappa vs the standard";
      return std::nullopt;
    }
  const double a = static_cast<double>(lines.size());
  auto mean = [&](auto pick) {
    double sum = 0, var = 0;
    for (const auto& l : lines) {
      const KappaStatistic& s = pick(*l.kappa);
      if (!s.defined()) return undefinedKappa(s.note);
      sum += s.kappa;
      var += s.seNull * s.seNull;
    }
    return makeKappaStatistic(sum / a, std::sqrt(var) / a, std::nullopt, confidence);
  };
  KappaTable table;
  table.overall = mean([](const KappaTable& t) -> const KappaStatistic& { return t.overall; });
  for (std::size_t j = 0; j < cube.categories().size(); ++j) {
    FleissCategory c;
    c.category = cube.categories().label(j);
    for (const auto& l : lines) c.proportion += l.kappa->perCategory[j].proportion / a;
    c.stat = mean([j](const KappaTable& t) -> const KappaStatistic& { return t.perCategory[j].stat; });
    table.perCategory.push_back(std::move(c));
  }
  return table;
}

}  // namespace

AttributeAgreementResult attributeAgreement(const RatingCube& cube, const AgreementOptions& options) {
  checkConfidence(options.confidence);
  cube.requireComplete("the attribute agreement analysis");
  const std::size_t A = cube.appraiserCount(), T = cube.trialCount();
  if (A < 2 && T < 2 && !cube.hasStandard())
    throw Error(
        "nothing to compare: one appraiser, one trial and no standard. Add repeat trials, a second "
        "appraiser or the known standard");

  AttributeAgreementResult r;
  r.subjects = cube.subjects();
  r.appraisers = cube.appraisers();
  r.categories = cube.categories().labels();
  r.trials = static_cast<int>(T);
  r.hasStandard = cube.hasStandard();
  if (options.ordinal && !cube.categories().numeric())
    r.warnings.push_back("ordinal statistics take the categories in the order " + [&] {
      std::string s;
      for (const auto& c : r.categories) s += (s.empty() ? "" : " < ") + c;
      return s;
    }());

  for (std::size_t a = 0; a < A; ++a) {
    const std::size_t one[] = {a};
    const Matrix own = cube.matrix(one);
    if (T >= 2) {
      auto line = countMatches(cube.appraisers()[a], own, cube, false, options);
      addFleiss(line, own, cube, options.confidence);
      if (options.ordinal) addKendall(line, own, cube);
      r.withinAppraisers.push_back(std::move(line));
    }
    if (cube.hasStandard()) {
      auto line = countMatches(cube.appraisers()[a], own, cube, true, options);
      addFleiss(line, pairedWithStandard(cube, a), cube, options.confidence);
      r.versusStandard.push_back(std::move(line));
    }
  }
  const Matrix all = cube.matrixAll();
  if (A >= 2) {
    auto line = countMatches("", all, cube, false, options);
    addFleiss(line, all, cube, options.confidence);
    if (options.ordinal) addKendall(line, all, cube);
    r.between = std::move(line);
  }
  if (cube.hasStandard()) {
    auto line = countMatches("", all, cube, true, options);
    line.kappa = averageKappa(r.versusStandard, cube, options.confidence, line.kappaNote);
    r.allVersusStandard = std::move(line);
  }
  if (cube.subjectCount() < 20)
    r.warnings.push_back("only " + std::to_string(cube.subjectCount()) +
                         " subjects: AIAG suggests at least 50 for an attribute study, and the intervals are wide");
  return r;
}

}  // namespace fab::msa

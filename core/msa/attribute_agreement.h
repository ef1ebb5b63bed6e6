#pragma once
// Attribute agreement analysis in the AIAG / Minitab layout: within each
// appraiser (repeat trials), each appraiser vs the standard, between
// appraisers, and all appraisers vs the standard. Each block gives the percent
// of subjects matched with an exact (Clopper–Pearson) interval and Fleiss'
// kappa overall and per category; Kendall's W is added for ordinal ratings.
//
// Sources: AIAG, Measurement Systems Analysis, 4th ed. (2010), ch. III §C
// (attribute studies); Fleiss (1971); Clopper & Pearson (1934).
#include <optional>
#include <string>
#include <vector>

#include "core/msa/fleiss_kappa.h"
#include "core/msa/kendall_w.h"
#include "core/msa/proportion_interval.h"
#include "core/msa/rating_cube.h"

namespace fab::msa {

struct AgreementOptions {
  double confidence = 0.95;
  BoundaryConvention intervalConvention = BoundaryConvention::TwoSided;
  /// Add Kendall's W within and between appraisers (categories are ordered).
  bool ordinal = false;
};

/// Kappa overall and per category, as an agreement table shows it.
struct KappaTable {
  KappaStatistic overall;
  std::vector<FleissCategory> perCategory;
};

/// One line of an agreement table.
struct AssessmentAgreement {
  std::string appraiser;       ///< empty for the between / all-appraisers lines
  int inspected = 0;           ///< subjects
  int matched = 0;             ///< subjects whose ratings all agree (with the standard, where it applies)
  ProportionInterval percent;  ///< matched / inspected with its interval (fractions, not percents)
  std::optional<KappaTable> kappa;
  std::string kappaNote;  ///< why `kappa` is absent
  std::optional<KendallWResult> kendall;
  std::string kendallNote;
  std::vector<std::size_t> unmatchedSubjects;  ///< subject indexes that did not match
};

struct AttributeAgreementResult {
  std::vector<std::string> subjects, appraisers, categories;
  int trials = 0;
  bool hasStandard = false;
  /// Each appraiser against themselves across trials (empty with one trial).
  /// Kappa: Fleiss over subjects with m = trials.
  std::vector<AssessmentAgreement> withinAppraisers;
  /// Each appraiser, every trial, against the standard (empty without one).
  /// Kappa: Fleiss over (subject, trial) pairs with m = 2 (rating, standard).
  std::vector<AssessmentAgreement> versusStandard;
  /// All appraisers and trials agree (absent with one appraiser).
  /// Kappa: Fleiss over subjects with m = appraisers × trials.
  std::optional<AssessmentAgreement> between;
  /// All appraisers and trials agree with the standard (absent without one).
  /// Kappa: mean of the appraisers' kappas vs the standard (overall and per
  /// category), SE0 = √(Σ SE0_a²) / appraisers.
  std::optional<AssessmentAgreement> allVersusStandard;
  std::vector<std::string> warnings;
};

/// Throws fab::Error when a subject/appraiser/trial lacks a rating (every
/// appraiser must rate every subject in every trial), when there is nothing to
/// compare (one appraiser, one trial, no standard), or for bad options. A kappa
/// that is undefined (e.g. one category used) leaves `kappa` empty with a note.
AttributeAgreementResult attributeAgreement(const RatingCube& cube, const AgreementOptions& options = {});

}  // namespace fab::msa

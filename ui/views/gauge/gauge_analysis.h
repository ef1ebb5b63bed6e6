#pragma once
// Everything the gauge study view shows about one study, computed in one pure
// function (run on a worker thread): attribute agreement for an attribute
// study; both gauge R&R methods, cell means and ranges for a variables study.
// A method that cannot run leaves its result empty with the reason.
#include <optional>
#include <string>
#include <vector>

#include "core/msa/attribute_agreement.h"
#include "core/msa/gauge_study.h"
#include "core/msa/grr_anova.h"
#include "core/msa/grr_average_range.h"

namespace fab::ui::gauge {

struct GaugeAnalysis {
  msa::GaugeStudyKind kind = msa::GaugeStudyKind::Attribute;
  std::optional<msa::AttributeAgreementResult> agreement;
  std::string agreementError;
  std::optional<msa::AverageRangeResult> averageRange;
  std::string averageRangeError;
  std::optional<msa::AnovaGrrResult> anova;
  std::string anovaError;
  std::vector<std::string> parts, appraisers;  ///< variables study: names in layout order
};

/// Analyses the study as it stands. Never throws for bad ratings: each
/// method's failure is kept as its message (a user can act on it).
GaugeAnalysis analyzeGaugeStudy(const msa::GaugeStudy& study, double confidence = 0.95);

}  // namespace fab::ui::gauge

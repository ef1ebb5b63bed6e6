#include "ui/views/gauge/gauge_analysis.h"

#include <exception>

#include "core/msa/crossed_layout.h"
#include "core/msa/rating_cube.h"

namespace fab::ui::gauge {
namespace {

/// Runs `work`, keeping its message when it throws.
template <class F>
void attempt(F&& work, std::string& error) {
  try {
    work();
  } catch (const std::exception& e) {
    error = e.what();
  }
}

}  // namespace

GaugeAnalysis analyzeGaugeStudy(const msa::GaugeStudy& study, double confidence) {
  GaugeAnalysis out;
  out.kind = study.kind;
  if (study.ratings.empty()) {
    const std::string none = "the study has no ratings yet: type, paste or import them";
    (study.kind == msa::GaugeStudyKind::Attribute ? out.agreementError : out.averageRangeError) = none;
    out.anovaError = none;
    return out;
  }
  if (study.kind == msa::GaugeStudyKind::Attribute) {
    attempt(
        [&] {
          const auto cube = msa::RatingCube::build(study.attributeRatings());
          out.agreement = msa::attributeAgreement(cube, {.confidence = confidence});
        },
        out.agreementError);
    return out;
  }
  std::string layoutError;
  std::optional<msa::CrossedLayout> layout;
  attempt([&] { layout = msa::CrossedLayout::build(study.measurements()); }, layoutError);
  if (!layout) {
    out.averageRangeError = out.anovaError = layoutError;
    return out;
  }
  out.parts = layout->parts();
  out.appraisers = layout->appraisers();
  msa::GrrOptions options;
  options.tolerance = study.tolerance;
  attempt([&] { out.averageRange = msa::grrAverageRange(*layout, options); }, out.averageRangeError);
  attempt([&] { out.anova = msa::grrAnova(*layout, options); }, out.anovaError);
  return out;
}

}  // namespace fab::ui::gauge

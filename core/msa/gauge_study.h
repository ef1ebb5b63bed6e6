#pragma once
// A gauge study as the workspace keeps it: who rated or measured which part in
// which trial, with the known standard where there is one.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/msa/crossed_layout.h"
#include "core/msa/rating_cube.h"

namespace fab::msa {

enum class GaugeStudyKind {
  Attribute,  ///< categories (pass/fail, defect class, a 1–5 score): kappa, agreement
  Variables,  ///< measurements: gauge R&R
};

std::string_view toString(GaugeStudyKind kind);
/// "attribute" | "variables"; throws fab::Error otherwise.
GaugeStudyKind parseGaugeStudyKind(std::string_view text);

struct GaugeRating {
  std::string part;
  std::string appraiser;
  int trial = 1;
  std::optional<double> value;  ///< variables study: the measurement (absent = missing)
  std::string category;         ///< attribute study: the rating (empty = missing)
  std::string reference;        ///< the known standard / reference value; empty = none
  std::size_t row = 0;          ///< line of the file it came from (0 = entered by hand)
};

struct GaugeStudy {
  std::string name;
  GaugeStudyKind kind = GaugeStudyKind::Attribute;
  std::optional<double> tolerance;  ///< USL − LSL, for %tolerance
  std::string unit;
  std::string description;
  std::string source;  ///< the file it was imported from
  std::vector<GaugeRating> ratings;

  /// The ratings as the agreement statistics take them.
  std::vector<AttributeRating> attributeRatings() const;
  /// The measurements as gauge R&R takes them (a missing value becomes NaN,
  /// which the layout refuses with its line). Throws fab::Error for an
  /// attribute study.
  std::vector<GaugeMeasurement> measurements() const;
};

}  // namespace fab::msa

#include "core/msa/gauge_study.h"

#include <cstdio>
#include <limits>

#include "core/common/error.h"

namespace fab::msa {

std::string_view toString(GaugeStudyKind kind) { return kind == GaugeStudyKind::Attribute ? "attribute" : "variables"; }

GaugeStudyKind parseGaugeStudyKind(std::string_view text) {
  if (text == "attribute") return GaugeStudyKind::Attribute;
  if (text == "variables") return GaugeStudyKind::Variables;
  throw Error("unknown gauge study kind '" + std::string(text) + "': use attribute or variables");
}

std::vector<AttributeRating> GaugeStudy::attributeRatings() const {
  std::vector<AttributeRating> out;
  out.reserve(ratings.size());
  for (const auto& r : ratings) {
    std::string label = r.category;
    // A variables study can still be rated for agreement on its values as categories.
    if (kind == GaugeStudyKind::Variables && r.value) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.15g", *r.value);
      label = buffer;
    }
    out.push_back({r.part, r.appraiser, r.trial, std::move(label), r.reference, r.row});
  }
  return out;
}

std::vector<GaugeMeasurement> GaugeStudy::measurements() const {
  if (kind != GaugeStudyKind::Variables)
    throw Error("gauge study '" + name + "' holds attribute ratings, not measurements: use kappa, not gauge R&R");
  std::vector<GaugeMeasurement> out;
  out.reserve(ratings.size());
  for (const auto& r : ratings)
    out.push_back({r.part, r.appraiser, r.trial, r.value.value_or(std::numeric_limits<double>::quiet_NaN()), r.row});
  return out;
}

}  // namespace fab::msa

#include "core/analysis/spec_in_scope.h"

#include "core/io/field_parse.h"

namespace fab::analysis {

std::string productInScope(const store::MeasurementSeries& s, const std::string& asked) {
  if (!asked.empty() || s.size() == 0) return asked;
  for (const auto& p : s.product)
    if (p != s.product.front()) return "";
  return s.product.front();
}

SpecInScope specInScope(store::Database& db, const std::string& parameter, const std::string& product) {
  SpecInScope out;
  out.stored = store::specInForce(db, parameter, product);
  if (!out.stored) {
    out.source = "no spec in the workspace for " + parameter + (product.empty() ? "" : " (product " + product + ")");
    return out;
  }
  out.limits = {out.stored->lsl, out.stored->target, out.stored->usl};
  out.source = (out.stored->product.empty() ? std::string("workspace spec for every product")
                                            : "workspace spec for product " + out.stored->product) +
               ", effective " + io::formatTimestamp(out.stored->effectiveFrom).substr(0, 10);
  return out;
}

}  // namespace fab::analysis

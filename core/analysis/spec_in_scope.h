#pragma once
// Which product an analysis speaks for, and the spec limits that apply to it.
// One rule everywhere: the product the engineer named; else, when every row in
// scope belongs to one product, that product; else none (rows of several
// products are held to the spec written for every product). The spec and the
// approved limits are then looked up for that product, falling back to the
// ones written for every product (docs/ARCHITECTURE.md §3).
#include <optional>
#include <string>

#include "core/spc/capability.h"
#include "core/store/database.h"
#include "core/store/measurements.h"

namespace fab::analysis {

/// The product the analysis applies spec and approved limits for ("" = every product).
std::string productInScope(const store::MeasurementSeries& series, const std::string& asked);

struct SpecInScope {
  std::optional<store::SpecLimits> stored;  ///< the workspace row in force; nullopt when none
  spc::SpecLimits limits;                   ///< what the analysis uses
  std::string source;  ///< in words: "spec for product P effective 2026-01-01", "workspace spec for every product …"
  bool hasLimits() const { return limits.lsl || limits.usl; }
};

/// The spec in force for the parameter and product.
SpecInScope specInScope(store::Database& db, const std::string& parameter, const std::string& product);

}  // namespace fab::analysis

#pragma once
// A lowest-yield lot line of the overview as JSON: the same object in
// `fabkit-cli overview --json` and in the stored overview (overview_cache.h).
#include <nlohmann/json.hpp>

#include "core/analysis/overview.h"

namespace fab::analysis {

/// Numbers that cannot be computed (NaN) are null; so is the zone's yield without a zone.
nlohmann::ordered_json lotYieldJson(const LotYieldLine& l);
/// The line back from lotYieldJson's object. Throws nlohmann::json::exception for another shape.
LotYieldLine lotYieldLine(const nlohmann::ordered_json& j);

}  // namespace fab::analysis

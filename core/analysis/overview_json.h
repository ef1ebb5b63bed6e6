#pragma once
// The overview's lines as JSON objects and back: the stored overview
// (overview_cache.h) keeps every field; a lot's line is also the object of
// `fabkit-cli overview --json`. Numbers that cannot be computed (NaN) are null.
#include <nlohmann/json.hpp>

#include "core/analysis/overview.h"

namespace fab::analysis {

/// The zone's yield is null without a zone.
nlohmann::ordered_json lotYieldJson(const LotYieldLine& l);
nlohmann::ordered_json outOfControlJson(const OutOfControlLine& l);
nlohmann::ordered_json capabilityJson(const CapabilityLine& c);

/// Each line back from its object. Throws nlohmann::json::exception for another shape.
LotYieldLine lotYieldLine(const nlohmann::ordered_json& j);
OutOfControlLine outOfControlLine(const nlohmann::ordered_json& j);
CapabilityLine capabilityLine(const nlohmann::ordered_json& j);

}  // namespace fab::analysis

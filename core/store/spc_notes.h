#pragma once
// Notes on control chart points (point_note, docs/ARCHITECTURE.md §3): an acknowledged
// violation with its cause and comment, or a point excluded from limit
// estimation with a recorded cause. Append-only; the latest note on a point
// (and rule) is the one in force.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace fab::store {

struct PointNote {
  std::int64_t id = 0;
  std::string parameter;
  std::string pointKey;     ///< the subgroup key naming the point (lot, lot/wafer, …)
  std::optional<int> rule;  ///< the rule acknowledged; nullopt = the point as a whole
  bool excluded = false;    ///< left out of limit estimation
  std::string cause, comment, who;
  std::int64_t at = 0;  ///< 0 on save means now
};

/// Appends a note and returns its id. Throws fab::Error without who, without a
/// point, or for an exclusion or acknowledgement without a cause.
std::int64_t addPointNote(Database& db, const PointNote& note);

/// Every note on the parameter's points, oldest first.
std::vector<PointNote> pointNotes(Database& db, const std::string& parameter);

/// Point keys whose latest whole-point note excludes them.
std::vector<std::string> excludedPointKeys(Database& db, const std::string& parameter);

}  // namespace fab::store

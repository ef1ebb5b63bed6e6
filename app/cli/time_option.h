#pragma once
// Time options, one way for every command: an ISO 8601 timestamp or date; now when absent.
#include <string>

#include "app/cli/command.h"
#include "core/io/field_parse.h"
#include "core/store/workspace.h"

namespace fab::cli {

inline std::int64_t timeOption(const Args& args, const std::string& name) {
  const auto text = args.optional(name);
  if (!text) return store::nowMs();
  const auto t = io::parseTimestamp(*text);
  if (!t) throw UsageError{"--" + name + " expects a time like 2026-10-01 or 2026-10-01T08:00:00Z, got '" + *text + "'"};
  return *t;
}

/// The end of a time window (--to): a bare date means the end of that day (io::parseWindowEnd).
inline std::int64_t windowEndOption(const Args& args, const std::string& name) {
  const auto text = args.optional(name);
  if (!text) return store::nowMs();
  const auto t = io::parseWindowEnd(*text);
  if (!t) throw UsageError{"--" + name + " expects a time like 2026-10-31 or 2026-10-31T18:00:00Z, got '" + *text + "'"};
  return *t;
}

}  // namespace fab::cli

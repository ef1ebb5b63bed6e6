#pragma once
// Time options, one way for every command: an ISO 8601 timestamp or date; now when absent.
#include <optional>
#include <string>
#include <string_view>

#include "app/cli/command.h"
#include "core/io/field_parse.h"
#include "core/store/workspace.h"

namespace fab::cli {

/// The option read by `parse` (io::parseTimestamp or io::parseWindowEnd); now when absent.
inline std::int64_t timeOptionWith(const Args& args, const std::string& name,
                                   std::optional<std::int64_t> (*parse)(std::string_view)) {
  const auto text = args.optional(name);
  if (!text) return store::nowMs();
  const auto t = parse(*text);
  if (!t) throw UsageError{"--" + name + " expects a time like 2026-10-01 or 2026-10-01T08:00:00Z, got '" + *text + "'"};
  return *t;
}

inline std::int64_t timeOption(const Args& args, const std::string& name) {
  return timeOptionWith(args, name, &io::parseTimestamp);
}

/// The end of a time window (--to): a bare date means the end of that day (io::parseWindowEnd).
inline std::int64_t windowEndOption(const Args& args, const std::string& name) {
  return timeOptionWith(args, name, &io::parseWindowEnd);
}

}  // namespace fab::cli

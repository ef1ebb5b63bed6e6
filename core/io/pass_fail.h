#pragma once
// The words a sort or die-map export writes for a passing or failing die, read
// the same way by every importer.
#include <optional>
#include <string_view>

namespace fab::io {

/// true for 1, true, yes, y, pass, passed, p, good, ok; false for 0, false, no,
/// n, fail, failed, f, bad (any case, spaces trimmed); nullopt for anything else.
std::optional<bool> parsePassFail(std::string_view text);

}  // namespace fab::io

#pragma once
// Pass/fail words as exports write them: 1/0, true/false, yes/no, pass/fail, P/F, Y/N.
#include <optional>
#include <string_view>

namespace fab::io {

/// true for a pass word, false for a fail word (case-insensitive, trimmed), nullopt otherwise.
std::optional<bool> parsePassFail(std::string_view text);

}  // namespace fab::io

#include "core/io/pass_fail.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/io/field_parse.h"

namespace fab::io {

std::optional<bool> parsePassFail(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kPass = {"1",      "true", "yes",  "y", "pass",
                                                            "passed", "p",    "good", "ok"};
  static constexpr std::array<std::string_view, 8> kFail = {"0", "false", "no", "n", "fail", "failed", "f", "bad"};
  std::string t(trim(text));
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(kPass.begin(), kPass.end(), t) != kPass.end()) return true;
  if (std::find(kFail.begin(), kFail.end(), t) != kFail.end()) return false;
  return std::nullopt;
}

}  // namespace fab::io

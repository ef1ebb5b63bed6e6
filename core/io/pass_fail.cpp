#include "core/io/pass_fail.h"

#include <cctype>
#include <string>

#include "core/io/field_parse.h"

namespace fab::io {

std::optional<bool> parsePassFail(std::string_view text) {
  std::string t(trim(text));
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "1" || t == "true" || t == "yes" || t == "pass" || t == "p" || t == "y") return true;
  if (t == "0" || t == "false" || t == "no" || t == "fail" || t == "f" || t == "n") return false;
  return std::nullopt;
}

}  // namespace fab::io

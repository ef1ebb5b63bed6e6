// Fuzz target: the KLARF reader must either parse or throw fab::Error; never
// crash, hang or read out of bounds. What it parses (KLARF 1.1, 1.2 or 1.8),
// the writer writes back in its version's grammar, which reads again to the
// same wafers and defect rows.
#include <cmath>
#include <string_view>

#include "core/common/error.h"
#include "core/defect/klarf.h"

namespace {

bool sameValues(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fab::defect::KlarfFile file;
  try {
    file = fab::defect::parseKlarf(text, "fuzz.klarf");
  } catch (const fab::Error&) {
    return 0;
  }
  // Round trip: a file the reader accepted must survive the writer.
  fab::defect::KlarfFile again;
  try {
    again = fab::defect::parseKlarf(fab::defect::writeKlarf(file), "rewritten.klarf");
  } catch (const fab::Error&) {
    __builtin_trap();  // the writer produced text its own reader refuses
  }
  if (again.wafers.size() != file.wafers.size()) __builtin_trap();
  for (std::size_t w = 0; w < file.wafers.size(); ++w) {
    const auto& a = file.wafers[w].defects;
    const auto& b = again.wafers[w].defects;
    if (a.size() != b.size()) __builtin_trap();
    for (std::size_t d = 0; d < a.size(); ++d)
      if (!sameValues(a[d].values, b[d].values) || a[d].images != b[d].images) __builtin_trap();
  }
  return 0;
}

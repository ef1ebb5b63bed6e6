// Fuzz target: the STDF reader must either summarise the bytes or throw
// fab::Error; never crash, hang or read out of bounds, whatever the framing,
// the field lengths or the compression (the input may itself be gzip or
// bzip2: the reader detects them by their magic bytes). What it accepts is
// consistent with itself: every PRR is a part binned once, good parts are
// parts, and every record counted belongs to a type it knows or is counted
// as unknown. Seeds: tests/fuzz/corpus/stdf (hand-made two-part wafers, both
// byte orders, plain, gzip and bzip2).
#include <cstdint>

#include "core/common/error.h"
#include "core/stdf/summary.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fab::fuzz::writeInput("stdf", data, size);
  fab::stdf::StdfSummary s;
  try {
    s = fab::stdf::summarise(path);
  } catch (const fab::Error&) {
    return 0;
  }
  const auto prrs = s.records.count("PRR") ? s.records.at("PRR") : 0;
  if (s.parts != prrs || s.good < 0 || s.good > s.parts) __builtin_trap();
  std::int64_t binned = 0;
  for (const auto& [bin, b] : s.hardBins) binned += b.count;
  if (binned != s.parts) __builtin_trap();
  if (s.wafers != static_cast<std::int64_t>(s.waferYields.size())) __builtin_trap();
  for (const auto& t : s.tests)
    if (t.count < 0 || t.sigma < 0) __builtin_trap();
  return 0;
}

#pragma once
// The default-field rule of PTR and MPR (STDF V4, PTR "Default Data"): the
// first record of a test number sets its test text, units and limits; later
// records of that number may leave them out (an empty TEST_TXT or UNITS, an
// OPT_FLAG bit 4/5 saying LO_LIMIT/HI_LIMIT are invalid, or a record ending
// before OPT_FLAG), and then inherit them. OPT_FLAG bit 6/7 say the test has
// no low/high limit at all.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/stdf/records.h"

namespace fab::stdf {

/// A test's name, units and limits as they hold for one result.
struct TestLimits {
  std::string name, units;
  std::optional<double> low, high;
};

class TestCatalog {
 public:
  /// The name, units and limits that hold for `ptr`, learning the defaults
  /// from the first PTR of its test number. The reference stays valid until
  /// the next call.
  const TestLimits& resolve(const Ptr& ptr);
  const TestLimits& resolve(const Mpr& mpr);

  /// The pin indices (RTN_INDX) of a multiple-result test, from its first MPR
  /// when later ones leave them out; empty when never given.
  const std::vector<std::uint16_t>& pinsOf(const Mpr& mpr);

 private:
  struct Defaults {
    TestLimits limits;
    std::vector<std::uint16_t> pins;
  };
  const TestLimits& resolve(std::unordered_map<std::uint32_t, Defaults>& table, std::uint32_t number,
                            const std::string& name, const std::string& units, std::uint8_t optFlag, bool hasOptFlag,
                            float low, float high);

  std::unordered_map<std::uint32_t, Defaults> ptr_, mpr_;
  TestLimits current_;
};

}  // namespace fab::stdf

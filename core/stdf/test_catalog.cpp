#include "core/stdf/test_catalog.h"

namespace fab::stdf {

const TestLimits& TestCatalog::resolve(std::unordered_map<std::uint32_t, Defaults>& table, std::uint32_t number,
                                       const std::string& name, const std::string& units, std::uint8_t optFlag,
                                       bool hasOptFlag, float low, float high) {
  auto [it, first] = table.try_emplace(number);
  TestLimits& defaults = it->second.limits;
  if (first) {
    // OPT_FLAG bit 6 (no low limit) or bit 4 (LO_LIMIT invalid) on the first
    // record: the test has no low limit to inherit. Likewise bits 7/5 high.
    defaults.name = name;
    defaults.units = units;
    if (hasOptFlag && !(optFlag & 0x50)) defaults.low = low;
    if (hasOptFlag && !(optFlag & 0xA0)) defaults.high = high;
    return defaults;
  }
  if (defaults.name.empty() && !name.empty()) defaults.name = name;
  if (defaults.units.empty() && !units.empty()) defaults.units = units;
  current_.name = name.empty() ? defaults.name : name;
  current_.units = units.empty() ? defaults.units : units;
  if (optFlag & 0x40)
    current_.low.reset();
  else if (optFlag & 0x10)
    current_.low = defaults.low;
  else
    current_.low = low;
  if (optFlag & 0x80)
    current_.high.reset();
  else if (optFlag & 0x20)
    current_.high = defaults.high;
  else
    current_.high = high;
  return current_;
}

const TestLimits& TestCatalog::resolve(const Ptr& p) {
  return resolve(ptr_, p.testNumber, p.name, p.units, p.optFlag, p.hasOptFlag, p.lowLimit, p.highLimit);
}

const TestLimits& TestCatalog::resolve(const Mpr& m) {
  return resolve(mpr_, m.testNumber, m.name, m.units, m.optFlag, m.hasOptFlag, m.lowLimit, m.highLimit);
}

const std::vector<std::uint16_t>& TestCatalog::pinsOf(const Mpr& m) {
  auto& defaults = mpr_[m.testNumber];
  if (!m.pins.empty()) {
    if (defaults.pins.empty()) defaults.pins = m.pins;
    return m.pins;
  }
  return defaults.pins;
}

}  // namespace fab::stdf

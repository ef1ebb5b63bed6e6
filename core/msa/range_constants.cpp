#include "core/msa/range_constants.h"

#include <cmath>

#include "core/spc/constants.h"

namespace fab::msa {

double rangeD2StarOneSubgroup(int m) {
  const auto& c = spc::chartConstants(m);
  return std::sqrt(c.d2 * c.d2 + c.d3 * c.d3);
}

}  // namespace fab::msa

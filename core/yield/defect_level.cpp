#include "core/yield/defect_level.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::yield {

namespace {

void checkYield(double yield) {
  if (!(yield > 0.0 && yield <= 1.0))
    throw Error("the die yield must lie in (0, 1] (got " + std::to_string(yield) +
                "); at zero yield there is no good die to ship");
}

void checkCoverage(double coverage) {
  if (!(coverage >= 0.0 && coverage <= 1.0))
    throw Error("the test coverage must be a fraction in [0, 1] (got " + std::to_string(coverage) + ")");
}

}  // namespace

double defectLevel(double yield, double coverage) {
  checkYield(yield);
  checkCoverage(coverage);
  // 1 − e^((1−T) ln Y) without cancellation when the result is small.
  return -std::expm1((1.0 - coverage) * std::log(yield));
}

double dieQuality(double yield, double coverage) {
  checkYield(yield);
  checkCoverage(coverage);
  return std::exp((1.0 - coverage) * std::log(yield));
}

double coverageForDefectLevel(double yield, double dl) {
  checkYield(yield);
  if (!(dl >= 0.0 && dl < 1.0))
    throw Error("the target defect level must be a fraction in [0, 1) (got " + std::to_string(dl) + ")");
  if (yield == 1.0) return 0.0;  // no bad die to screen
  const double t = 1.0 - std::log1p(-dl) / std::log(yield);
  return std::clamp(t, 0.0, 1.0);
}

}  // namespace fab::yield

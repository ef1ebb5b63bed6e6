#pragma once
// Numbers in the words core puts into notes, messages and reasons, written one
// way everywhere (printf conventions, "nan" and "inf" as printf writes them).
#include <string>

namespace fab {

/// `v` to `digits` significant digits (printf %.*g): "0.0123", "1.5e+07".
std::string significantText(double v, int digits = 6);

/// `v` with `decimals` decimals (printf %.*f).
std::string fixedText(double v, int decimals);

}  // namespace fab

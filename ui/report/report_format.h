#pragma once
// Number and text formatting shared by the report builders, so a value reads
// the same in every table of every report.
#include <QString>

#include <cstdint>
#include <string>

namespace fab::ui::report {

/// A finite number with `decimals` decimals; "—" for NaN or infinity.
QString fixed(double v, int decimals);
/// A fraction as a percentage with `decimals` decimals ("93.41 %"); "—" when not finite.
QString percent(double fraction, int decimals = 2);
/// "2026-03-01" from ms since 1970 UTC.
QString dateOf(std::int64_t ms);
inline QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace fab::ui::report

#pragma once
// Number and text formatting shared by the report builders, so a value reads
// the same in every table of every report.
#include <QString>

#include <cstdint>
#include <string>

#include "ui/number_text.h"

namespace fab::ui::report {

using ui::fixed;    // ui/number_text.h
using ui::percent;
/// "2026-03-01" from ms since 1970 UTC.
QString dateOf(std::int64_t ms);
inline QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace fab::ui::report

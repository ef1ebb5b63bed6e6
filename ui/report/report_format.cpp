#include "ui/report/report_format.h"

#include <cmath>

#include "core/io/field_parse.h"

namespace fab::ui::report {

QString dateOf(std::int64_t ms) { return QString::fromStdString(io::formatTimestamp(ms)).left(10); }

}  // namespace fab::ui::report

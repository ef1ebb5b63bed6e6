#pragma once
// Deciding how a file writes its numbers and dates from its first records:
// the decimal mark of a ';' or tab separated export, and whether its dates are
// ISO, day-first or month-first.
#include <cstddef>
#include <string>

#include "core/io/column_roles.h"
#include "core/io/field_format.h"

namespace fab::io {

/// Records after the header that the decision reads.
inline constexpr std::size_t kFormatSampleRecords = 200;

/// The file's number and date formats: what `declared` gives, the rest decided
/// from the first kFormatSampleRecords records, in the columns `mapping` reads
/// as numbers or as times.
/// - Numbers: a comma separated file uses the decimal point. Otherwise fields
///   like 1,5 vote for the decimal comma and fields like 2.5 for the point
///   (1.500 could be either and does not vote; in 1.000,5 the last mark is the
///   decimal one); when both vote the point stays and the rows written with
///   the comma are rejected. A declared thousands separator implies the other mark.
/// - Dates: a dotted date (01.03.2026) is day-first; a slashed one is day-first
///   when a first field exceeds 12, month-first when a second one does.
///   A sample of ISO dates stays ISO (a slashed date among them is a bad row).
/// Throws fab::Error naming the file, line, column and text when the sample
/// mixes day-first and month-first dates, or has slashed dates whose fields are
/// all 12 or less and no ISO dates (it asks for --date-format).
FieldFormat sniffFieldFormat(const std::string& path, char delimiter, const ColumnMapping& mapping,
                             const FieldFormatOptions& declared);

}  // namespace fab::io

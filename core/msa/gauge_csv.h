#pragma once
// Reading a gauge study from a CSV file, in the long layout (one row per
// rating: part, appraiser, [trial], value) or the wide layout (one row per
// part, or per part and trial, with one column per appraiser).
#include <string>
#include <vector>

#include "core/io/csv_table.h"
#include "core/msa/gauge_study.h"

namespace fab::msa {

/// Column names, matched as CsvTable matches them (exact, then case-insensitive).
struct GaugeCsvColumns {
  std::string part{};       ///< long: required; wide: optional (else the data row number names the part)
  std::string appraiser{};  ///< long layout: who rated
  std::string value{};      ///< long layout: the rating or measurement
  std::vector<std::string> appraiserColumns{};  ///< wide layout: one column per appraiser, named by its header
  std::string trial{};      ///< optional; without it trials count up in file order within each part and appraiser
  std::string reference{};  ///< optional: the known standard of each part
};

/// Builds the study from a table read in memory. Throws fab::Error, naming the
/// file and line, for a missing column, both or neither layout given, a trial
/// that is not a whole number ≥ 1, or (variables) a value that is not a number;
/// missing tokens (empty, NA…) are kept as missing ratings.
GaugeStudy importGaugeCsv(const io::CsvTable& table, const GaugeCsvColumns& columns, GaugeStudyKind kind);

/// Reads the file, then as above; the study's source is the path.
GaugeStudy readGaugeCsv(const std::string& path, const GaugeCsvColumns& columns, GaugeStudyKind kind);

}  // namespace fab::msa

#include "core/msa/gauge_csv.h"

#include <map>
#include <utility>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::msa {
namespace {

struct Reader {
  const io::CsvTable& table;
  GaugeStudyKind kind;

  std::string where(std::size_t row, std::size_t column) const {
    return table.path() + ":" + std::to_string(table.line(row)) + ": column '" + table.header()[column] + "'";
  }
  std::optional<std::size_t> optionalColumn(const std::string& name) const {
    return name.empty() ? std::nullopt : std::optional<std::size_t>(table.columnIndex(name));
  }
  int trial(std::size_t row, std::size_t column) const {
    const auto& text = table.cell(row, column);
    const auto t = io::parseInteger(text);
    if (!t || *t < 1) throw Error(where(row, column) + ": a trial is a whole number from 1, found '" + text + "'");
    return static_cast<int>(*t);
  }
  void setValue(GaugeRating& r, std::size_t row, std::size_t column) const {
    const auto& text = table.cell(row, column);
    if (kind == GaugeStudyKind::Attribute) {
      r.category = std::string(io::trim(text));
      return;
    }
    if (io::isMissing(text)) return;
    const auto v = io::parseNumber(text);
    if (!v) throw Error(where(row, column) + ": expected a measurement, found '" + text + "'");
    r.value = *v;
  }
};

}  // namespace

GaugeStudy importGaugeCsv(const io::CsvTable& table, const GaugeCsvColumns& columns, GaugeStudyKind kind) {
  const bool wide = !columns.appraiserColumns.empty();
  const bool longLayout = !columns.appraiser.empty() || !columns.value.empty();
  if (wide && longLayout)
    throw Error(
        "give either one column per appraiser (wide layout) or the appraiser and value columns (long "
        "layout), not both");
  if (!wide && !longLayout)
    throw Error(
        "name the rating columns: one column per appraiser (wide layout), or the part, appraiser and value "
        "columns (long layout)");
  if (longLayout && (columns.part.empty() || columns.appraiser.empty() || columns.value.empty()))
    throw Error("the long layout needs the part (subject), appraiser (rater) and value (rating) columns");

  const Reader reader{table, kind};
  const auto partColumn = reader.optionalColumn(columns.part);
  const auto trialColumn = reader.optionalColumn(columns.trial);
  const auto referenceColumn = reader.optionalColumn(columns.reference);
  std::vector<std::pair<std::string, std::size_t>> valueColumns;  // appraiser name (wide) and column
  if (wide) {
    for (const auto& name : columns.appraiserColumns) {
      const auto c = table.columnIndex(name);
      valueColumns.emplace_back(table.header()[c], c);
    }
  } else {
    valueColumns.emplace_back("", table.columnIndex(columns.value));
  }
  const auto appraiserColumn = reader.optionalColumn(columns.appraiser);

  GaugeStudy study;
  study.kind = kind;
  study.source = table.path();
  std::map<std::pair<std::string, std::string>, int> seen;  // trials counted in file order
  for (std::size_t row = 0; row < table.rowCount(); ++row) {
    const std::string part = partColumn ? std::string(io::trim(table.cell(row, *partColumn))) : std::to_string(row + 1);
    if (part.empty()) throw Error(reader.where(row, *partColumn) + ": the part (subject) is empty");
    for (const auto& [name, column] : valueColumns) {
      GaugeRating r;
      r.part = part;
      r.appraiser = appraiserColumn ? std::string(io::trim(table.cell(row, *appraiserColumn))) : name;
      if (r.appraiser.empty()) throw Error(reader.where(row, *appraiserColumn) + ": the appraiser (rater) is empty");
      r.trial = trialColumn ? reader.trial(row, *trialColumn) : ++seen[{r.part, r.appraiser}];
      reader.setValue(r, row, column);
      if (referenceColumn) {
        const auto& ref = table.cell(row, *referenceColumn);
        r.reference = io::isMissing(ref) ? std::string() : std::string(io::trim(ref));
      }
      r.row = static_cast<std::size_t>(table.line(row));
      study.ratings.push_back(std::move(r));
    }
  }
  if (study.ratings.empty()) throw Error(table.path() + ": the file has a header but no data rows");
  return study;
}

GaugeStudy readGaugeCsv(const std::string& path, const GaugeCsvColumns& columns, GaugeStudyKind kind) {
  return importGaugeCsv(io::CsvTable::read(path), columns, kind);
}

}  // namespace fab::msa

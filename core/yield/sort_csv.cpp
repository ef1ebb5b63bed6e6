#include "core/yield/sort_csv.h"

#include <cctype>
#include <map>
#include <optional>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/io/pass_fail.h"

namespace fab::yield {

std::vector<SortWafer> readSortCsv(const std::string& path, const SortCsvOptions& options) {
  const auto table = io::CsvTable::read(path);
  const auto cWafer = table.columnIndex("wafer");
  const auto cX = table.columnIndex("die_x");
  const auto cY = table.columnIndex("die_y");
  const auto cPass = table.columnIndex("pass");
  const bool hasBin = table.hasColumn("bin");
  const bool hasLot = table.hasColumn("lot");
  const bool hasRadius = table.hasColumn("radius_fraction");
  if (!options.excludedBins.empty() && !hasBin)
    throw Error(path + ": excluding bins needs a 'bin' column, and the file has none");
  const auto cBin = hasBin ? table.columnIndex("bin") : 0;
  const auto cLot = hasLot ? table.columnIndex("lot") : 0;
  const auto cRadius = hasRadius ? table.columnIndex("radius_fraction") : 0;

  auto where = [&](std::size_t row, std::size_t column) {
    return path + ":" + std::to_string(table.line(row)) + ": column '" + table.header()[column] + "'";
  };
  auto integer = [&](std::size_t row, std::size_t column) {
    const auto v = io::parseInteger(table.cell(row, column));
    if (!v) throw Error(where(row, column) + ": expected a whole number, found '" + table.cell(row, column) + "'");
    return static_cast<int>(*v);
  };

  std::vector<SortWafer> wafers;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (std::size_t r = 0; r < table.rowCount(); ++r) {
    SortDie d;
    d.x = integer(r, cX);
    d.y = integer(r, cY);
    const auto pass = io::parsePassFail(table.cell(r, cPass));
    if (!pass) throw Error(where(r, cPass) + ": expected pass/fail (1/0), found '" + table.cell(r, cPass) + "'");
    d.pass = *pass;
    if (hasBin) d.bin = integer(r, cBin);
    d.defectLimited = !options.excludedBins.count(d.bin);
    if (hasRadius && !io::isMissing(table.cell(r, cRadius))) {
      const auto v = io::parseNumber(table.cell(r, cRadius));
      if (!v) throw Error(where(r, cRadius) + ": expected a number, found '" + table.cell(r, cRadius) + "'");
      d.radiusFraction = *v;
    }
    d.row = static_cast<std::size_t>(table.line(r));
    std::string lot = hasLot ? std::string(io::trim(table.cell(r, cLot))) : std::string();
    std::string wafer(io::trim(table.cell(r, cWafer)));
    auto [it, inserted] = index.try_emplace({lot, wafer}, wafers.size());
    if (inserted) wafers.push_back({lot, wafer, {}});
    wafers[it->second].dies.push_back(d);
  }
  return wafers;
}

}  // namespace fab::yield

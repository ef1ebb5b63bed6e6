#include "core/ml/die_map_csv.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/io/pass_fail.h"

namespace fab::ml {
std::vector<DieMap> readDieMapsCsv(const std::string& path, const DieMapCsvOptions& options) {
  const auto table = io::CsvTable::read(path);
  const auto waferCol = table.columnIndex("wafer");
  const auto xCol = table.columnIndex("die_x");
  const auto yCol = table.columnIndex("die_y");
  const bool hasPass = table.hasColumn("pass") || table.hasColumn("Pass") || table.hasColumn("PASS");
  if (!hasPass && !table.hasColumn("bin") && !table.hasColumn("Bin") && !table.hasColumn("BIN"))
    throw Error(path + ": needs a 'pass' column (1/0) or a 'bin' column (with the pass bins)");
  const auto stateCol = table.columnIndex(hasPass ? "pass" : "bin");

  std::vector<DieMap> maps;
  std::map<std::string, std::size_t> byName;
  for (std::size_t r = 0; r < table.rowCount(); ++r) {
    const auto where = [&](std::size_t col) {
      return path + ":" + std::to_string(table.line(r)) + ": column '" + table.header()[col] + "'";
    };
    const std::string wafer(io::trim(table.cell(r, waferCol)));
    if (wafer.empty()) throw Error(where(waferCol) + ": the wafer is empty");
    const auto x = io::parseInteger(table.cell(r, xCol)), y = io::parseInteger(table.cell(r, yCol));
    if (!x) throw Error(where(xCol) + ": expected a whole die index, found '" + table.cell(r, xCol) + "'");
    if (!y) throw Error(where(yCol) + ": expected a whole die index, found '" + table.cell(r, yCol) + "'");
    bool pass;
    if (hasPass) {
      const auto p = io::parsePassFail(table.cell(r, stateCol));
      if (!p)
        throw Error(where(stateCol) + ": expected 1/0, true/false or pass/fail, found '" + table.cell(r, stateCol) +
                    "'");
      pass = *p;
    } else {
      const auto bin = io::parseInteger(table.cell(r, stateCol));
      if (!bin) throw Error(where(stateCol) + ": expected a whole bin number, found '" + table.cell(r, stateCol) + "'");
      pass = std::find(options.passBins.begin(), options.passBins.end(), *bin) != options.passBins.end();
    }
    auto [it, isNew] = byName.try_emplace(wafer, maps.size());
    if (isNew) {
      auto& m = maps.emplace_back();
      m.wafer = wafer;
      m.layout = options.layout;
      m.firstRow = table.line(r);
    }
    maps[it->second].dies.push_back({static_cast<int>(*x), static_cast<int>(*y), pass});
  }
  if (maps.empty()) throw Error(path + ": the file has no dies");
  return maps;
}

}  // namespace fab::ml

// fabkit-cli export: one parameter's rows as CSV (RFC 4180), or with --json as
// a JSON array of row objects, written row by row (memory stays flat).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

std::string csvNumber(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

int run(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  store::MeasurementFilter filter;
  filter.lots = args.list("lots");
  const auto series = store::loadMeasurements(ws.db(), args.value("parameter"), filter);
  std::ofstream file;
  if (auto out = args.optional("out")) {
    file.open(*out, std::ios::binary);
    if (!file) throw Error("cannot write '" + *out + "'");
  }
  std::ostream& out = file.is_open() ? file : std::cout;
  if (args.json()) {
    // One object per row; a missing value, position, wafer or time is null.
    out << "[";
    for (std::size_t i = 0; i < series.size(); ++i) {
      const Json row = {{"lot", series.lot[i]},
                        {"wafer", series.wafer[i] ? Json(series.wafer[i]) : Json(nullptr)},
                        {"site", series.site[i]},
                        {"x", number(series.x[i])},
                        {"y", number(series.y[i])},
                        {"parameter", series.parameter},
                        {"value", number(series.value[i])},
                        {"unit", series.unit},
                        {"time", series.time[i] ? Json(io::formatTimestamp(series.time[i])) : Json(nullptr)},
                        {"tool", series.tool[i]}};
      out << (i ? ",\n " : "\n ") << row.dump();
    }
    out << "\n]\n";
    if (file.is_open()) std::cerr << "wrote " << series.size() << " rows to " << args.value("out") << "\n";
    return 0;
  }
  out << "lot,wafer,site,x,y,parameter,value,unit,time,tool\n";
  for (std::size_t i = 0; i < series.size(); ++i) {
    out << csvField(series.lot[i]) << ',' << (series.wafer[i] ? std::to_string(series.wafer[i]) : "") << ','
        << csvField(series.site[i]) << ',' << csvNumber(series.x[i]) << ',' << csvNumber(series.y[i]) << ','
        << csvField(series.parameter) << ',' << csvNumber(series.value[i]) << ',' << csvField(series.unit) << ','
        << (series.time[i] ? io::formatTimestamp(series.time[i]) : "") << ',' << csvField(series.tool[i]) << '\n';
  }
  if (file.is_open()) std::cerr << "wrote " << series.size() << " rows to " << args.value("out") << "\n";
  return 0;
}

const Registration registration{Command{"export",
                                        "write one parameter's measurements as CSV",
                                        "",
                                        "",
                                        {workspaceOption(),
                                         {"parameter", "P", "the parameter to export"},
                                         {"lots", "L,…", "only these lots"},
                                         {"out", "FILE", "write to FILE instead of standard output"},
                                         jsonOption()},
                                        run}};

}  // namespace
}  // namespace fab::cli

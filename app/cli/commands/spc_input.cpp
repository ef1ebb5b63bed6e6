#include "app/cli/commands/spc_input.h"

#include <limits>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"

namespace fab::cli {

std::vector<OptionSpec> spcSourceOptions() {
  return {workspaceOption(),
          {"parameter", "P", "the parameter to chart (with --workspace)"},
          {"product", "NAME", "only lots of this product; its spec limits (with --workspace)"},
          {"csv", "FILE", "a plain CSV file instead of a workspace"},
          {"value", "COL", "the CSV column of values (counts for attribute charts)"},
          {"subgroup", "COL", "subgroups by a key column (CSV) or lot|wafer|time|tool|product (workspace)"},
          {"subgroup-size", "N", "subgroups of N consecutive rows (the last may be shorter)"},
          {"size", "COL|N", "sample size per row for p, np, u and Laney charts (a column or one number)"},
          {"lsl", "X", "lower spec limit (overrides the workspace spec)"},
          {"usl", "X", "upper spec limit (overrides the workspace spec)"},
          {"target", "X", "target value: spec target, EWMA start and CUSUM target"},
          {"phase1", "FIRST:LAST", "1-based subgroup range that estimates the limits (phase I)"}};
}

bool fromWorkspace(const Args& args) {
  if (args.has("csv") == args.has("workspace"))
    throw UsageError{"give either --csv FILE --value COL or --workspace W --parameter P"};
  if (args.has("subgroup") && args.has("subgroup-size"))
    throw UsageError{"give --subgroup or --subgroup-size, not both"};
  return args.has("workspace");
}

std::size_t subgroupSize(const Args& args) {
  const auto n = args.integer("subgroup-size");
  if (n < 1) throw UsageError{"--subgroup-size must be at least 1"};
  return static_cast<std::size_t>(n);
}

CsvSource loadCsvSource(const Args& args, bool attribute) {
  CsvSource src;
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto column = args.value("value");
  src.description = table.path() + ", column " + column;
  src.values = table.numbers(column);
  for (std::size_t r = 0; r < table.rowCount(); ++r) src.rowLabel.push_back("line " + std::to_string(table.line(r)));
  if (auto key = args.optional("subgroup")) src.groups = spc::subgroupsByKey(table.strings(*key));
  if (args.has("subgroup-size")) src.groups = spc::subgroupsOfSize(src.values.size(), subgroupSize(args));
  if (attribute && args.has("size")) {
    const auto size = args.value("size");
    if (auto n = io::parseNumber(size))
      src.sizes.assign(src.values.size(), *n);
    else
      src.sizes = table.numbers(size);
  }
  return src;
}

analysis::ChartSettings chartSettings(const Args& args) {
  analysis::ChartSettings s;
  s.L = args.optionalNumber("L");
  s.lambda = args.optionalNumber("lambda");
  s.k = args.optionalNumber("k");
  s.h = args.optionalNumber("h");
  s.headStart = args.optionalNumber("fir");
  s.target = args.optionalNumber("target");
  s.knownCenter = args.optionalNumber("center");
  s.knownSigma = args.optionalNumber("sigma");
  s.rules = args.optional("rules");
  const auto mr = args.valueOr("mr", "average");
  if (mr != "average" && mr != "median") throw UsageError{"--mr takes average or median"};
  s.movingRange = mr == "median" ? spc::MovingRangeMethod::Median : spc::MovingRangeMethod::Average;
  const auto within = args.valueOr("within", "r");
  if (within != "r" && within != "s") throw UsageError{"--within takes r or s"};
  s.withinSpread = within == "s" ? spc::WithinSpread::StandardDeviation : spc::WithinSpread::Range;
  return s;
}

analysis::ControlChartRequest workspaceRequest(const Args& args, bool attribute) {
  analysis::ControlChartRequest r;
  r.parameter = args.value("parameter");
  r.product = args.valueOr("product", "");
  if (args.has("chart") || args.has("subgroup") || args.has("subgroup-size")) {
    r.chart = spc::parseChartType(args.valueOr("chart", "xbar-r"));
    r.subgroup = args.valueOr("subgroup", "");
    if (!r.subgroup.empty() && !store::subgroupKeys(store::MeasurementSeries{}, r.subgroup))
      throw UsageError{"--subgroup with --workspace takes lot, wafer, time, tool or product (got '" + r.subgroup +
                       "')"};
    if (args.has("subgroup-size")) r.subgroupSize = subgroupSize(args);
  }
  r.settings = chartSettings(args);
  if (args.has("phase1")) {
    const auto [first, last] = parsePhaseRange(args.value("phase1"));
    r.baselineFirst = first;
    r.baselineLast = last;
  }
  if (attribute && args.has("size")) {
    r.sampleSize = io::parseNumber(args.value("size"));
    if (!r.sampleSize) throw UsageError{"--size with --workspace takes a number (the sample size of every point)"};
  }
  return r;
}

std::optional<spc::SpecLimits> specOptions(const Args& args) {
  if (!args.has("lsl") && !args.has("usl") && !args.has("target")) return std::nullopt;
  return spc::SpecLimits{args.optionalNumber("lsl"), args.optionalNumber("target"), args.optionalNumber("usl")};
}

std::pair<std::size_t, std::size_t> parsePhaseRange(const std::string& text) {
  const auto colon = text.find(':');
  const auto first = io::parseInteger(text.substr(0, colon));
  const auto last = colon == std::string::npos ? std::nullopt : io::parseInteger(text.substr(colon + 1));
  if (!first || !last || *first < 1 || *last < *first)
    throw UsageError{"--phase1 takes FIRST:LAST, 1-based subgroup numbers with FIRST ≤ LAST (e.g. 1:25)"};
  return {static_cast<std::size_t>(*first - 1), static_cast<std::size_t>(*last - 1)};
}

std::vector<std::size_t> pointNumbers(const Args& args, const std::string& name, std::size_t points) {
  std::vector<std::size_t> out;
  for (const auto& item : args.list(name)) {
    const auto v = io::parseInteger(item);
    if (!v || *v < 1 || static_cast<std::size_t>(*v) > points)
      throw UsageError{
          "--" + name + " takes subgroup numbers from 1" +
          (points == std::numeric_limits<std::size_t>::max() ? std::string() : " to " + std::to_string(points)) +
          " (got '" + item + "')"};
    out.push_back(static_cast<std::size_t>(*v - 1));
  }
  return out;
}

}  // namespace fab::cli

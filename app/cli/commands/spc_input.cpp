#include "app/cli/commands/spc_input.h"

#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/store/measurements.h"

namespace fab::cli {
namespace {

/// Subgroup keys of workspace rows by a field name.
std::vector<std::string> workspaceKeys(const store::MeasurementSeries& s, const std::string& field) {
  auto keys = store::subgroupKeys(s, field);
  if (!keys)
    throw UsageError{"--subgroup with --workspace takes lot, wafer, time, tool or product (got '" + field + "')"};
  return std::move(*keys);
}

void loadCsv(const Args& args, bool attribute, SpcSource& src) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto column = args.value("value");
  src.description = table.path() + ", column " + column;
  src.values = table.numbers(column);
  for (std::size_t r = 0; r < table.rowCount(); ++r) src.rowLabel.push_back("line " + std::to_string(table.line(r)));
  if (auto key = args.optional("subgroup")) src.groups = spc::subgroupsByKey(table.strings(*key));
  if (attribute && args.has("size")) {
    const auto size = args.value("size");
    if (auto n = io::parseNumber(size))
      src.sizes.assign(src.values.size(), *n);
    else
      src.sizes = table.numbers(size);
  }
}

void loadWorkspace(const Args& args, bool attribute, SpcSource& src) {
  src.workspace = store::Workspace::open(args.value("workspace"));
  src.parameter = args.value("parameter");
  src.product = args.valueOr("product", "");
  store::MeasurementFilter filter;
  filter.product = src.product;
  src.series = std::make_shared<const store::MeasurementSeries>(
      store::loadMeasurements(src.workspace->db(), src.parameter, filter));
  const auto& series = *src.series;
  src.description = src.workspace->path() + ", parameter " + src.parameter;
  src.values = series.value;
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::string label = series.lot[i];
    label.append("/").append(std::to_string(series.wafer[i]));
    if (!series.site[i].empty()) label.append("/").append(series.site[i]);
    if (series.time[i]) label.append(" ").append(io::formatTimestamp(series.time[i]));
    src.rowLabel.push_back(std::move(label));
    src.rowOrigin.push_back({series.lot[i], series.wafer[i], series.product[i]});
  }
  if (auto key = args.optional("subgroup")) src.groups = spc::subgroupsByKey(workspaceKeys(series, *key));
  if (attribute && args.has("size")) {
    const auto n = io::parseNumber(args.value("size"));
    if (!n) throw UsageError{"--size with --workspace takes a number (the sample size of every point)"};
    src.sizes.assign(src.values.size(), *n);
  }
  if (auto spec = store::specInForce(src.workspace->db(), src.parameter, src.product)) {
    src.spec = {spec->lsl, spec->target, spec->usl};
    src.specSource = "workspace spec" + std::string(spec->product.empty() ? "" : " for " + spec->product);
  }
}

}  // namespace

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

SpcSource loadSpcSource(const Args& args, bool attribute) {
  SpcSource src;
  if (args.has("csv") == args.has("workspace"))
    throw UsageError{"give either --csv FILE --value COL or --workspace W --parameter P"};
  if (args.has("subgroup") && args.has("subgroup-size"))
    throw UsageError{"give --subgroup or --subgroup-size, not both"};
  if (args.has("csv"))
    loadCsv(args, attribute, src);
  else
    loadWorkspace(args, attribute, src);
  if (args.has("subgroup-size")) {
    const auto n = args.integer("subgroup-size");
    if (n < 1) throw UsageError{"--subgroup-size must be at least 1"};
    src.groups = spc::subgroupsOfSize(src.values.size(), static_cast<std::size_t>(n));
  }
  if (args.has("lsl") || args.has("usl") || args.has("target")) {
    src.spec = {args.optionalNumber("lsl"), args.optionalNumber("target"), args.optionalNumber("usl")};
    src.specSource = "options";
  }
  return src;
}

std::vector<std::string> SpcSource::pointKeys() const {
  if (!groups) return rowLabel;
  std::vector<std::string> keys;
  for (std::size_t g = 0; g < groups->count(); ++g) {
    const auto& key = groups->keys[g];
    if (!key.empty())
      keys.push_back(key);
    else if (groups->members(g).empty())
      keys.push_back("subgroup " + std::to_string(g + 1));
    else
      keys.push_back("subgroup " + std::to_string(g + 1) + " (" + rowLabel[groups->members(g).front()] + ")");
  }
  return keys;
}

std::pair<std::size_t, std::size_t> parsePhaseRange(const std::string& text) {
  const auto colon = text.find(':');
  const auto first = io::parseInteger(text.substr(0, colon));
  const auto last = colon == std::string::npos ? std::nullopt : io::parseInteger(text.substr(colon + 1));
  if (!first || !last || *first < 1 || *last < *first)
    throw UsageError{"--phase1 takes FIRST:LAST, 1-based subgroup numbers with FIRST ≤ LAST (e.g. 1:25)"};
  return {static_cast<std::size_t>(*first - 1), static_cast<std::size_t>(*last - 1)};
}

}  // namespace fab::cli

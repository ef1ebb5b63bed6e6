#pragma once
// What the spc and capability commands analyse: a workspace parameter
// (--workspace W --parameter P), turned into a request of the
// workspace-analysis layer (core/analysis), or a plain CSV column
// (--csv FILE --value COL) loaded here.
#include <optional>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "core/analysis/control_chart.h"
#include "core/spc/capability.h"
#include "core/spc/subgroups.h"

namespace fab::cli {

/// A CSV column (no workspace): values, subgroups, row labels and specs from the options.
struct CsvSource {
  std::string description;     ///< "file.csv, column d"
  std::vector<double> values;  ///< measured values, or counts for attribute charts
  std::vector<double> sizes;   ///< sample sizes per row (attribute charts; may be empty)
  std::optional<spc::Subgroups> groups;
  std::vector<std::string> rowLabel;  ///< per row: "line 12"
  const spc::Subgroups* subgroups() const { return groups ? &*groups : nullptr; }
};

/// The options both commands share (source, subgrouping, sizes, specs).
std::vector<OptionSpec> spcSourceOptions();

/// Checks that exactly one of --csv and --workspace is given; true for a workspace.
bool fromWorkspace(const Args& args);

/// Loads --csv FILE --value COL (with --subgroup/--subgroup-size); `attribute` reads --size as well.
CsvSource loadCsvSource(const Args& args, bool attribute);

/// The workspace request the options describe: parameter, product, chart and
/// subgroups when named (--chart, --subgroup, --subgroup-size), chart settings,
/// phase I (--phase1). Without them the analysis uses the chart in force.
analysis::ControlChartRequest workspaceRequest(const Args& args, bool attribute);

/// Chart settings set by hand: --L, --lambda, --k, --h, --fir, --target, --center, --sigma, --rules, --mr, --within.
analysis::ChartSettings chartSettings(const Args& args);

/// --lsl/--usl/--target when any is given.
std::optional<spc::SpecLimits> specOptions(const Args& args);

/// "--phase1 FIRST:LAST" as 0-based inclusive subgroup indexes.
std::pair<std::size_t, std::size_t> parsePhaseRange(const std::string& text);

/// 1-based point numbers of a comma-separated option, as 0-based indexes (below `points`).
std::vector<std::size_t> pointNumbers(const Args& args, const std::string& name, std::size_t points);

}  // namespace fab::cli

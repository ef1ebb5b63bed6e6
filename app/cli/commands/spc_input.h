#pragma once
// Data for the spc and capability commands: a plain CSV (--csv FILE --value COL)
// or a workspace parameter (--workspace W --parameter P), with subgroups and
// spec limits, loaded the same way for both commands.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "core/spc/capability.h"
#include "core/spc/point_groups.h"
#include "core/spc/subgroups.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"

namespace fab::cli {

struct SpcSource {
  std::string description;     ///< "file.csv, column d" or "workspace.fabdb, parameter CD"
  std::vector<double> values;  ///< measured values, or counts for attribute charts
  std::vector<double> sizes;   ///< sample sizes per row (attribute charts; may be empty)
  std::optional<spc::Subgroups> groups;
  std::vector<std::string> rowLabel;        ///< per row: "line 12" (CSV) or "lot/wafer/site time" (workspace)
  std::vector<spc::PointOrigin> rowOrigin;  ///< per row: lot, wafer and product (workspace only)
  std::optional<store::Workspace> workspace;
  std::shared_ptr<const store::MeasurementSeries> series;  ///< the workspace rows (workspace only)
  std::string parameter, product;
  spc::SpecLimits spec;    ///< --lsl/--usl/--target, else the workspace spec in force
  std::string specSource;  ///< "options", "workspace spec (effective …)" or ""

  /// A name per chart point: the subgroup key, or the row label for individuals.
  std::vector<std::string> pointKeys() const;
  const spc::Subgroups* subgroups() const { return groups ? &*groups : nullptr; }
};

/// The options both commands share (source, subgrouping, sizes, specs).
std::vector<OptionSpec> spcSourceOptions();

/// Loads the data named by the options; `attribute` reads --size as well.
SpcSource loadSpcSource(const Args& args, bool attribute);

/// "--phase1 FIRST:LAST" as 0-based inclusive subgroup indexes.
std::pair<std::size_t, std::size_t> parsePhaseRange(const std::string& text);

}  // namespace fab::cli

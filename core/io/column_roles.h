#pragma once
// What each column of an imported file means: automatic guesses from the
// header, explicit overrides, and the wide (one column per parameter) layout.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fab::io {

enum class ImportKind { Measurements, Dies, Defects, Specs, History, Products };
std::string_view kindName(ImportKind kind);
std::optional<ImportKind> kindFromName(std::string_view name);

enum class Role {
  Lot, Wafer, Site, X, Y, Parameter, Value, Unit, Time, Tool, Chamber, Product,
  DieX, DieY, Bin, Pass, Size, DefectClass, DefectId, Layer,
  Step, Recipe, TrackIn, TrackOut,
  Lsl, Target, Usl, EffectiveFrom,
  DieWidth, DieHeight, WaferDiameter, EdgeExclusion, Scribe, Notch, OriginX, OriginY, YUp, PassBins,
  GridOffsetX, GridOffsetY,
};
inline constexpr int kRoleCount = static_cast<int>(Role::GridOffsetY) + 1;

/// The role's name as used by `--map ROLE=COLUMN` ("lot", "die_x", "lsl"…).
std::string_view roleName(Role role);
std::optional<Role> roleFromName(std::string_view name);

/// Roles a kind of import uses, and which of them must be present.
struct KindRoles {
  std::vector<Role> required;
  std::vector<Role> optional;
};
const KindRoles& rolesOf(ImportKind kind);

struct ColumnMapping {
  /// Column index of each role, when mapped.
  std::map<Role, std::size_t> columns;
  /// Wide layout: these columns are parameters (name from the header; a unit in
  /// brackets or parentheses, "THK [nm]", is split off).
  std::vector<std::size_t> parameterColumns;
  std::vector<std::string> parameterNames, parameterUnits;
  /// Columns that play no role (shown to the user, then ignored).
  std::vector<std::size_t> ignored;

  std::optional<std::size_t> column(Role role) const {
    auto it = columns.find(role);
    return it == columns.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  bool wide() const { return !parameterColumns.empty(); }
};

/// Guesses the kind of file from its header (bins → dies, spec limits → specs…).
ImportKind guessKind(const std::vector<std::string>& header);

/// Maps the header to roles for `kind`. `overrides` maps a role name to a column
/// name (an empty column name unmaps the role). Throws fab::Error naming the
/// missing roles and the columns present when a required role has no column.
ColumnMapping mapColumns(const std::vector<std::string>& header, ImportKind kind,
                         const std::map<std::string, std::string>& overrides = {});

}  // namespace fab::io

#include "core/io/column_roles.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/common/error.h"

namespace fab::io {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  /// Header spellings recognised automatically, compared after lower-casing and
  /// dropping everything but letters and digits ("Lot ID" → "lotid").
  std::vector<std::string_view> aliases;
};

const std::vector<RoleInfo>& roleTable() {
  static const std::vector<RoleInfo> table = {
      {Role::Lot, "lot", {"lot", "lotid", "lotno", "lotname", "lotnumber"}},
      {Role::Wafer, "wafer", {"wafer", "waferid", "waferno", "wafernumber", "slot", "slotid", "waf", "scribe", "scribeid"}},
      {Role::Site, "site", {"site", "siteid", "siteno", "point", "pointid", "location"}},
      {Role::X, "x", {"x", "xmm", "xum", "sitex", "xpos", "xcoord", "xposition"}},
      {Role::Y, "y", {"y", "ymm", "yum", "sitey", "ypos", "ycoord", "yposition"}},
      {Role::Parameter, "parameter", {"parameter", "param", "parametername", "item", "measurement", "test", "testname", "name", "characteristic"}},
      {Role::Value, "value", {"value", "result", "reading", "measuredvalue", "val", "data"}},
      {Role::Unit, "unit", {"unit", "units", "uom"}},
      {Role::Time, "time", {"time", "timestamp", "datetime", "date", "measuretime", "meastime", "measurementtime", "measuredat", "trackout"}},
      {Role::Tool, "tool", {"tool", "toolid", "metrologytool", "equipment", "equipmentid", "eqp", "eqpid", "processtool", "entity"}},
      {Role::Chamber, "chamber", {"chamber", "chamberid", "ch", "module"}},
      {Role::Product, "product", {"product", "productid", "device", "part", "partid"}},
      {Role::DieX, "die_x", {"diex", "xindex", "dieindexx", "col", "column", "x"}},
      {Role::DieY, "die_y", {"diey", "yindex", "dieindexy", "row", "y"}},
      {Role::Bin, "bin", {"bin", "softbin", "hardbin", "sbin", "hbin", "binno", "binnumber"}},
      {Role::Pass, "pass", {"pass", "passfail", "good", "isgood", "result"}},
      {Role::Size, "size", {"size", "sizeum", "dsize", "defectsize", "diameter"}},
      {Role::DefectClass, "class", {"class", "classnumber", "defectclass", "classcode", "type"}},
      {Role::DefectId, "defect_id", {"defectid", "defect", "id", "defectno"}},
      {Role::Layer, "layer", {"layer", "inspectionlayer", "step", "stepid"}},
      {Role::Step, "step", {"step", "stepid", "operation", "oper", "route", "routestep"}},
      {Role::Recipe, "recipe", {"recipe", "recipeid", "recipename"}},
      {Role::TrackIn, "track_in", {"trackin", "starttime", "start", "movein"}},
      {Role::TrackOut, "track_out", {"trackout", "endtime", "end", "moveout", "time"}},
      {Role::Lsl, "lsl", {"lsl", "lowerspec", "lowerspeclimit", "lower", "min"}},
      {Role::Target, "target", {"target", "nominal", "tgt"}},
      {Role::Usl, "usl", {"usl", "upperspec", "upperspeclimit", "upper", "max"}},
      {Role::EffectiveFrom, "effective_from", {"effectivefrom", "effective", "from", "validfrom"}},
      {Role::DieWidth, "die_width", {"diewidth", "diewidthum", "stepx", "diepitchx", "diesizex"}},
      {Role::DieHeight, "die_height", {"dieheight", "dieheightum", "stepy", "diepitchy", "diesizey"}},
      {Role::WaferDiameter, "wafer_diameter", {"waferdiameter", "waferdiametermm", "wafersize", "diameter", "diametermm"}},
      {Role::EdgeExclusion, "edge_exclusion", {"edgeexclusion", "edgeexclusionmm", "ee"}},
      {Role::Scribe, "scribe", {"scribe", "scribeum", "scribewidth", "streetwidth"}},
      {Role::Notch, "notch", {"notch", "flat", "orientation", "notchorientation"}},
      {Role::OriginX, "origin_x", {"originx", "origindiex"}},
      {Role::OriginY, "origin_y", {"originy", "origindiey"}},
      {Role::YUp, "y_up", {"yup"}},
      {Role::PassBins, "pass_bins", {"passbins", "goodbins"}},
      {Role::GridOffsetX, "grid_offset_x", {"gridoffsetx", "gridoffsetxum"}},
      {Role::GridOffsetY, "grid_offset_y", {"gridoffsety", "gridoffsetyum"}},
  };
  return table;
}

const RoleInfo& info(Role role) { return roleTable()[static_cast<std::size_t>(role)]; }

std::string normalise(std::string_view header) {
  std::string out;
  for (char c : header)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// "THK [nm]" → ("THK", "nm"); "CD (um)" → ("CD", "um").
std::pair<std::string, std::string> splitUnit(const std::string& header) {
  for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'(', ')'}}) {
    const auto a = header.rfind(open);
    const auto b = header.rfind(close);
    if (a != std::string::npos && b == header.size() - 1 && b > a + 1) {
      std::string name = header.substr(0, a);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      if (!name.empty()) return {name, header.substr(a + 1, b - a - 1)};
    }
  }
  return {header, ""};
}

}  // namespace

std::string_view kindName(ImportKind kind) {
  static constexpr std::array<std::string_view, 6> names = {"measurements", "dies", "defects", "specs", "history", "products"};
  return names[static_cast<std::size_t>(kind)];
}

std::optional<ImportKind> kindFromName(std::string_view name) {
  for (int k = 0; k < 6; ++k)
    if (kindName(static_cast<ImportKind>(k)) == name) return static_cast<ImportKind>(k);
  return std::nullopt;
}

std::string_view roleName(Role role) { return info(role).name; }

std::optional<Role> roleFromName(std::string_view name) {
  for (const auto& r : roleTable())
    if (r.name == name) return r.role;
  return std::nullopt;
}

const KindRoles& rolesOf(ImportKind kind) {
  using R = Role;
  static const std::array<KindRoles, 6> roles = {{
      {{R::Lot}, {R::Wafer, R::Site, R::X, R::Y, R::Parameter, R::Value, R::Unit, R::Time, R::Tool, R::Chamber, R::Product}},
      {{R::Lot, R::DieX, R::DieY, R::Bin}, {R::Wafer, R::Pass, R::Product}},
      {{R::Lot, R::X, R::Y}, {R::Wafer, R::DefectId, R::Size, R::DefectClass, R::Layer, R::DieX, R::DieY, R::Product}},
      {{R::Parameter}, {R::Product, R::Lsl, R::Target, R::Usl, R::Unit, R::EffectiveFrom}},
      {{R::Lot, R::Step}, {R::Wafer, R::Tool, R::Chamber, R::Recipe, R::TrackIn, R::TrackOut, R::Product}},
      {{R::Product}, {R::DieWidth, R::DieHeight, R::WaferDiameter, R::EdgeExclusion, R::Scribe, R::Notch, R::OriginX,
                      R::OriginY, R::YUp, R::PassBins, R::GridOffsetX, R::GridOffsetY}},
  }};
  return roles[static_cast<std::size_t>(kind)];
}

ImportKind guessKind(const std::vector<std::string>& header) {
  std::set<std::string> h;
  for (const auto& c : header) h.insert(normalise(c));
  auto any = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return h.count(n) > 0; });
  };
  if (any({"diewidth", "diewidthum", "diepitchx", "passbins"})) return ImportKind::Products;
  if (any({"lsl", "usl", "lowerspeclimit", "upperspeclimit"})) return ImportKind::Specs;
  if (any({"bin", "softbin", "hardbin", "sbin", "hbin"}) && any({"diex", "xindex", "col", "x"})) return ImportKind::Dies;
  if (any({"trackin", "recipe"}) && any({"step", "operation"})) return ImportKind::History;
  const bool defectColumns = any({"defectid", "classnumber", "defectclass", "dsize", "defectsize"}) ||
                             (any({"size", "sizeum", "class"}) && any({"x", "xum", "xmm"}) && any({"y", "yum", "ymm"}));
  if (defectColumns && !any({"value", "parameter", "result"})) return ImportKind::Defects;
  return ImportKind::Measurements;
}

ColumnMapping mapColumns(const std::vector<std::string>& header, ImportKind kind,
                         const std::map<std::string, std::string>& overrides) {
  const KindRoles& roles = rolesOf(kind);
  std::vector<Role> wanted = roles.required;
  wanted.insert(wanted.end(), roles.optional.begin(), roles.optional.end());

  ColumnMapping m;
  std::vector<bool> used(header.size(), false);
  std::set<Role> overridden;

  auto columnNamed = [&](const std::string& name) -> std::size_t {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    for (std::size_t i = 0; i < header.size(); ++i)
      if (normalise(header[i]) == normalise(name)) return i;
    std::string present;
    for (const auto& c : header) present += (present.empty() ? "" : ", ") + c;
    throw Error("--map names column '" + name + "', which the file does not have (columns: " + present + ")");
  };

  for (const auto& [roleText, column] : overrides) {
    const auto role = roleFromName(roleText);
    if (!role) throw Error("unknown role '" + roleText + "' in --map");
    if (std::find(wanted.begin(), wanted.end(), *role) == wanted.end())
      throw Error("role '" + roleText + "' is not used by a " + std::string(kindName(kind)) + " import");
    overridden.insert(*role);
    if (column.empty()) continue;
    const auto c = columnNamed(column);
    m.columns[*role] = c;
    used[c] = true;
  }

  // Automatic guesses: for each role in order, the first unused column whose
  // normalised header is one of its aliases (earlier aliases win).
  for (Role role : wanted) {
    if (overridden.count(role)) continue;
    bool found = false;
    for (auto alias : info(role).aliases) {
      for (std::size_t i = 0; i < header.size() && !found; ++i) {
        if (!used[i] && normalise(header[i]) == alias) {
          m.columns[role] = i;
          used[i] = true;
          found = true;
        }
      }
      if (found) break;
    }
  }

  // Measurements without a parameter/value pair are wide: every other column is a parameter.
  if (kind == ImportKind::Measurements) {
    const bool hasParameter = m.column(Role::Parameter).has_value();
    const bool hasValue = m.column(Role::Value).has_value();
    if (hasParameter != hasValue)
      throw Error(std::string("the file has a ") + (hasParameter ? "parameter" : "value") + " column but no " +
                  (hasParameter ? "value" : "parameter") + " column; map it with --map " +
                  (hasParameter ? "value" : "parameter") + "=COLUMN");
    if (!hasParameter) {
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (used[i]) continue;
        auto [name, unit] = splitUnit(header[i]);
        m.parameterColumns.push_back(i);
        m.parameterNames.push_back(name);
        m.parameterUnits.push_back(unit);
        used[i] = true;
      }
      if (m.parameterColumns.empty())
        throw Error("no measurement columns: the file has neither parameter/value columns nor columns left over "
                    "for a wide layout (one column per parameter)");
    }
  }
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!used[i]) m.ignored.push_back(i);

  std::string missing;
  for (Role role : roles.required)
    if (!m.column(role)) missing += (missing.empty() ? "" : ", ") + std::string(roleName(role));
  if (!missing.empty()) {
    std::string present;
    for (const auto& c : header) present += (present.empty() ? "" : ", ") + c;
    throw Error("no column for " + missing + " in a " + std::string(kindName(kind)) +
                " file (columns: " + present + "); name it with --map ROLE=COLUMN");
  }
  return m;
}

}  // namespace fab::io

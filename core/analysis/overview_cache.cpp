#include "core/analysis/overview_cache.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/analysis/overview_json.h"
#include "core/common/error.h"
#include "core/common/version.h"
#include "core/store/audit_trail.h"

namespace fab::analysis {

namespace {

using Json = nlohmann::ordered_json;

// NaN (a Cpk that cannot be computed) is kept as null.
Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
double number(const Json& j) { return j.is_null() ? NAN : j.get<double>(); }

Json requestJson(const OverviewRequest& r) {
  return {{"recent_lots", r.recentLots},
          {"recent_days", r.recentDays ? Json(*r.recentDays) : Json(nullptr)},
          {"suspects", r.suspects},
          {"suspect_alpha", r.suspectAlpha},
          {"lots", r.lots},
          {"imports", r.imports}};
}

Json lineJson(const OutOfControlLine& l) {
  Json j = {{"parameter", l.parameter},
            {"unit", l.unit},
            {"chart", l.chart},
            {"point", l.pointName},
            {"limits_source", l.limitsSource},
            {"counts",
             {l.points, l.recentPoints, l.beyondLimits, l.recentBeyondLimits, l.openViolations, l.recentOpenViolations}},
            {"last_signal", l.lastSignal},
            {"suspect_note", l.suspectNote}};
  if (l.suspect)
    j["suspect"] = {{"step", l.suspect->step},
                    {"group", l.suspect->group},
                    {"p_adjusted", number(l.suspect->pAdjusted)},
                    {"group_median", number(l.suspect->groupMedian)},
                    {"center", number(l.suspect->center)},
                    {"units", l.suspect->groupUnits}};
  return j;
}

OutOfControlLine outOfControlLine(const Json& j) {
  OutOfControlLine l;
  l.parameter = j.at("parameter");
  l.unit = j.at("unit");
  l.chart = j.at("chart");
  l.pointName = j.at("point");
  l.limitsSource = j.at("limits_source");
  const auto& c = j.at("counts");
  l.points = c.at(0), l.recentPoints = c.at(1), l.beyondLimits = c.at(2), l.recentBeyondLimits = c.at(3);
  l.openViolations = c.at(4), l.recentOpenViolations = c.at(5);
  l.lastSignal = j.at("last_signal");
  l.suspectNote = j.at("suspect_note");
  if (j.contains("suspect")) {
    const auto& s = j["suspect"];
    l.suspect = ToolSuspect{s.at("step"), s.at("group"), number(s.at("p_adjusted")), number(s.at("group_median")),
                            number(s.at("center")), s.at("units")};
  }
  return l;
}

Json capabilityJson(const CapabilityLine& c) {
  return {{"parameter", c.parameter}, {"unit", c.unit},   {"cpk", number(c.cpk)}, {"ppk", number(c.ppk)},
          {"cpk_name", c.cpkName},    {"ppk_name", c.ppkName}, {"n", c.n},         {"spec_source", c.specSource}};
}

CapabilityLine capabilityLine(const Json& j) {
  return {j.at("parameter"),   j.at("unit"), number(j.at("cpk")), number(j.at("ppk")), j.at("cpk_name"),
          j.at("ppk_name"), j.at("n"),    j.at("spec_source")};
}

Json storedJson(const Overview& o, std::int64_t stamp) {
  Json out = Json::array(), cap = Json::array(), lots = Json::array();
  for (const auto& l : o.outOfControl) out.push_back(lineJson(l));
  for (const auto& c : o.capability) cap.push_back(capabilityJson(c));
  for (const auto& l : o.lots) lots.push_back(lotYieldJson(l));
  return {{"fabkit", kVersion},
          {"change_stamp", stamp},
          {"request", requestJson(o.request)},
          {"computed_at", o.computedAt},
          {"recent_meaning", o.recentMeaning},
          {"out_of_control", out},
          {"parameters_in_control", o.parametersInControl},
          {"capability", cap},
          {"lots", lots},
          {"lots_with_dies", o.lotsWithDies},
          {"notes", o.notes}};
}

/// The stored overview, when `file` holds one of this version, request and stamp.
std::optional<Overview> readStored(const std::string& file, const OverviewRequest& r, std::int64_t stamp) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    const Json j = Json::parse(in);
    if (j.at("fabkit") != kVersion || j.at("change_stamp") != stamp || j.at("request") != requestJson(r))
      return std::nullopt;
    Overview o;
    o.request = r;
    o.fromStore = true;
    o.computedAt = j.at("computed_at");
    o.recentMeaning = j.at("recent_meaning");
    for (const auto& l : j.at("out_of_control")) o.outOfControl.push_back(outOfControlLine(l));
    o.parametersInControl = j.at("parameters_in_control");
    for (const auto& c : j.at("capability")) o.capability.push_back(capabilityLine(c));
    for (const auto& l : j.at("lots")) o.lots.push_back(lotYieldLine(l));
    o.lotsWithDies = j.at("lots_with_dies");
    o.notes = j.at("notes").get<std::vector<std::string>>();
    return o;
  } catch (const Json::exception&) {
    return std::nullopt;  // another version's or a damaged file: chart again
  }
}

void writeStored(const std::string& file, const Overview& o, std::int64_t stamp) {
  std::error_code ec;
  const std::filesystem::path path(file);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const auto part = path.string() + ".part";
  {
    std::ofstream out(part, std::ios::trunc);
    out << storedJson(o, stamp).dump();
    if (!out) return;
  }
  std::filesystem::rename(part, path, ec);
}

}  // namespace

Overview storedWorkspaceOverview(store::Database& db, const std::string& file, const OverviewRequest& request,
                                 const Feedback& feedback) {
  request.validate();
  std::int64_t stamp = 0;
  try {
    stamp = store::changeStamp(db);
  } catch (const Error&) {
    return workspaceOverview(db, request, feedback);  // a trail this connection may not read: chart, keep nothing
  }
  if (auto o = readStored(file, request, stamp)) {
    readKaizensAndImports(db, *o);
    return *o;
  }
  auto o = workspaceOverview(db, request, feedback);
  writeStored(file, o, stamp);
  return o;
}

}  // namespace fab::analysis

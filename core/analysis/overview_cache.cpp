#include "core/analysis/overview_cache.h"

#include <filesystem>
#include <fstream>

#include "core/analysis/overview_json.h"
#include "core/common/error.h"
#include "core/common/version.h"
#include "core/store/audit_trail.h"

namespace fab::analysis {

namespace {

using Json = nlohmann::ordered_json;

Json requestJson(const OverviewRequest& r) {
  return {{"recent_lots", r.recentLots},
          {"recent_days", r.recentDays ? Json(*r.recentDays) : Json(nullptr)},
          {"suspects", r.suspects},
          {"suspect_alpha", r.suspectAlpha},
          {"lots", r.lots},
          {"imports", r.imports}};
}

Json storedJson(const Overview& o, std::int64_t stamp) {
  Json out = Json::array(), cap = Json::array(), lots = Json::array();
  for (const auto& l : o.outOfControl) out.push_back(outOfControlJson(l));
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

#include "core/analysis/overview_json.h"

#include <cmath>

namespace fab::analysis {

namespace {
using Json = nlohmann::ordered_json;
Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
double number(const Json& j) { return j.is_null() ? NAN : j.get<double>(); }
}  // namespace

Json lotYieldJson(const LotYieldLine& l) {
  return {{"lot", l.lot},
          {"product", l.product},
          {"wafers", l.wafers},
          {"dies", l.dies},
          {"failed", l.failed},
          {"yield", number(l.yield)},
          {"worst_wafer", l.worstWafer},
          {"worst_wafer_yield", number(l.worstWaferYield)},
          {"top_bin", l.topBin},
          {"top_bin_share", number(l.topBinShare)},
          {"worst_zone", l.worstZone},
          {"worst_zone_yield", l.worstZone.empty() ? Json(nullptr) : number(l.worstZoneYield)}};
}

LotYieldLine lotYieldLine(const Json& j) {
  LotYieldLine l;
  l.lot = j.at("lot");
  l.product = j.at("product");
  l.wafers = j.at("wafers");
  l.dies = j.at("dies");
  l.failed = j.at("failed");
  l.yield = number(j.at("yield"));
  l.worstWafer = j.at("worst_wafer");
  l.worstWaferYield = number(j.at("worst_wafer_yield"));
  l.topBin = j.at("top_bin");
  l.topBinShare = number(j.at("top_bin_share"));
  l.worstZone = j.at("worst_zone");
  l.worstZoneYield = l.worstZone.empty() ? 0 : number(j.at("worst_zone_yield"));
  return l;
}

Json outOfControlJson(const OutOfControlLine& l) {
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

}  // namespace fab::analysis

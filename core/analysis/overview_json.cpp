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

}  // namespace fab::analysis

#include "core/overlay/overlay_sites.h"

#include <cstdio>
#include <map>
#include <tuple>

#include "core/common/error.h"
#include "core/overlay/field_layout.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"

namespace fab::overlay {

WorkspaceOverlaySites loadOverlaySites(store::Database& db, const OverlaySiteRequest& request) {
  if (request.lot.empty()) throw Error("an overlay fit from a workspace needs a lot");
  store::MeasurementFilter filter;
  filter.lots = {request.lot};
  const auto xs = store::loadMeasurements(db, request.xParameter, filter);
  const auto ys = store::loadMeasurements(db, request.yParameter, filter);
  if (xs.size() == 0)
    throw Error("lot " + request.lot + " has no " + request.xParameter + " measurements in the workspace");
  using Key = std::tuple<int, std::string, double, double>;  // wafer, site, x, y
  std::map<Key, std::size_t> yRow;
  for (std::size_t i = 0; i < ys.size(); ++i)
    if (!request.wafer || ys.wafer[i] == *request.wafer) yRow[{ys.wafer[i], ys.site[i], ys.x[i], ys.y[i]}] = i;
  WorkspaceOverlaySites out;
  out.product = xs.product[0];
  if (request.fieldPositions) {
    if (out.product.empty())
      throw Error("lot " + request.lot +
                  " has no product, so its exposure fields are not known: import its product "
                  "or fit the wafer terms only");
    const auto product = store::loadProduct(db, out.product);
    if (!product) throw Error("product " + out.product + " of lot " + request.lot + " is not in the workspace");
    out.field = fieldLayoutOfProduct(*product);
  }
  std::size_t unpaired = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (request.wafer && xs.wafer[i] != *request.wafer) continue;
    const auto it = yRow.find({xs.wafer[i], xs.site[i], xs.x[i], xs.y[i]});
    if (it == yRow.end()) {
      ++unpaired;
      continue;
    }
    OverlaySite s;
    s.x = xs.x[i], s.y = xs.y[i], s.dx = xs.value[i], s.dy = ys.value[it->second];
    if (out.field) {
      const auto f = out.field->fieldPosition({s.x, s.y});
      s.fieldX = f.x, s.fieldY = f.y;
    }
    out.sites.push_back(s);
    out.wafer.push_back(xs.wafer[i]);
    out.site.push_back(xs.site[i]);
    yRow.erase(it);
  }
  unpaired += yRow.size();
  if (request.wafer && out.sites.empty())
    throw Error("lot " + request.lot + " has no wafer " + std::to_string(*request.wafer) + " with both " +
                request.xParameter + " and " + request.yParameter);
  if (unpaired) out.notes.push_back(std::to_string(unpaired) + " sites measured on one axis only left out");
  if (out.field) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "fields of %s: %.6g × %.6g mm of whole dies, a corner at the origin die's cell",
                  out.product.c_str(), out.field->widthMm, out.field->heightMm);
    out.notes.push_back(buf);
  }
  return out;
}

}  // namespace fab::overlay

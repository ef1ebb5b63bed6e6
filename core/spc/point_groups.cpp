#include "core/spc/point_groups.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/common/error.h"

namespace fab::spc {

GroupBy parseGroupBy(const std::string& text) {
  if (text == "tool") return GroupBy::Tool;
  if (text == "chamber") return GroupBy::Chamber;
  if (text == "product") return GroupBy::Product;
  throw Error("group by tool, chamber or product (got '" + text + "')");
}

const char* groupByName(GroupBy by) {
  switch (by) {
    case GroupBy::Tool:
      return "tool";
    case GroupBy::Chamber:
      return "chamber";
    case GroupBy::Product:
      return "product";
  }
  return "tool";
}

std::vector<std::string> groupLabels(std::span<const PointOrigin> points,
                                     std::span<const store::ProcessContext> history, GroupBy by) {
  std::vector<std::string> labels;
  labels.reserve(points.size());
  if (by == GroupBy::Product) {
    for (const auto& p : points) labels.push_back(p.product.empty() ? kUnknownGroup : p.product);
    return labels;
  }
  // (lot, wafer) → the history row with the latest track-in.
  std::map<std::pair<std::string, int>, const store::ProcessContext*> latest;
  for (const auto& h : history) {
    auto& slot = latest[{h.lot, h.wafer}];
    if (!slot || h.trackIn >= slot->trackIn) slot = &h;
  }
  for (const auto& p : points) {
    auto it = p.wafer != 0 ? latest.find({p.lot, p.wafer}) : latest.end();
    if (it == latest.end()) it = latest.find({p.lot, 0});
    if (it == latest.end()) {
      labels.push_back(kUnknownGroup);
      continue;
    }
    const auto& h = *it->second;
    if (by == GroupBy::Tool)
      labels.push_back(h.processTool.empty() ? kUnknownGroup : h.processTool);
    else
      labels.push_back(h.processTool + "/" + (h.chamber.empty() ? "-" : h.chamber));
  }
  return labels;
}

std::vector<std::string> distinctGroups(std::span<const std::string> labels) {
  std::vector<std::string> out;
  for (const auto& l : labels)
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  return out;
}

}  // namespace fab::spc

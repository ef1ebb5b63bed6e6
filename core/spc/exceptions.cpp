#include "core/spc/exceptions.h"

#include <set>
#include <utility>

#include "core/common/error.h"

namespace fab::spc {

std::vector<OpenViolation> openViolations(const ChartResult& chart, std::span<const std::string> pointKeys,
                                          std::span<const Acknowledgement> acknowledged) {
  if (pointKeys.size() != chart.points())
    throw Error("the exception list needs one key per chart point (" + std::to_string(chart.points()) + "), got " +
                std::to_string(pointKeys.size()));
  std::set<std::pair<std::string, int>> done;
  for (const auto& a : acknowledged) done.emplace(a.pointKey, a.rule);
  std::vector<OpenViolation> out;
  for (std::size_t p = 0; p < chart.panels.size(); ++p)
    for (const auto& v : chart.panels[p].violations) {
      const auto& key = pointKeys[v.point];
      if (done.count({key, 0}) || done.count({key, v.rule})) continue;
      out.push_back({p, v, key, violationReason(chart.rules, v)});
    }
  return out;
}

}  // namespace fab::spc

#include "core/variation/workspace_commonality.h"

#include <cmath>
#include <map>
#include <utility>

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::variation {

namespace {

using WaferKey = std::pair<std::string, int>;

struct WaferValue {
  double sum = 0;
  int n = 0;
  double pass = 0, fail = 0;  ///< die counts (yield)
};

std::string groupLabel(const store::ProcessContext& c, ToolGrouping g) {
  const std::string tool = c.processTool.empty() ? "(no tool)" : c.processTool;
  switch (g) {
    case ToolGrouping::Tool:
      return tool;
    case ToolGrouping::Chamber:
      return c.chamber.empty() ? "(no chamber)" : c.chamber;
    case ToolGrouping::ToolAndChamber:
      return c.chamber.empty() ? tool : tool + "/" + c.chamber;
  }
  return tool;
}

std::map<WaferKey, WaferValue> waferValues(store::Database& db, const CommonalityRequest& request) {
  std::map<WaferKey, WaferValue> out;
  if (request.yield) {
    store::DieFilter filter;
    filter.lots = request.filter.lots;
    for (const auto& w : store::loadDieCounts(db, filter)) {
      auto& v = out[{w.lot, w.wafer}];
      v.pass = static_cast<double>(w.pass);
      v.fail = static_cast<double>(w.tested - w.pass);
      v.sum = w.tested > 0 ? v.pass / static_cast<double>(w.tested) : std::nan("");
      v.n = w.tested > 0 ? 1 : 0;
    }
    if (out.empty()) throw Error("the workspace has no sort (die) results for a yield commonality");
    return out;
  }
  const auto series = store::loadMeasurements(db, request.parameter, request.filter);
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (!std::isfinite(series.value[i])) continue;
    auto& v = out[{series.lot[i], series.wafer[i]}];
    v.sum += series.value[i];
    ++v.n;
  }
  if (out.empty()) throw Error("parameter '" + request.parameter + "' has no values in the chosen window");
  return out;
}

}  // namespace

std::string_view toolGroupingName(ToolGrouping g) {
  switch (g) {
    case ToolGrouping::Tool:
      return "tool";
    case ToolGrouping::Chamber:
      return "chamber";
    case ToolGrouping::ToolAndChamber:
      return "tool+chamber";
  }
  return "tool";
}

std::optional<ToolGrouping> toolGroupingFromName(std::string_view name) {
  for (auto g : {ToolGrouping::Tool, ToolGrouping::Chamber, ToolGrouping::ToolAndChamber})
    if (toolGroupingName(g) == name) return g;
  return std::nullopt;
}

WorkspaceCommonality workspaceCommonality(store::Database& db, const CommonalityRequest& request) {
  const auto steps = request.steps.empty() ? store::listSteps(db) : request.steps;
  if (steps.empty()) throw Error("the workspace has no route history (lot_history): import a history file first");
  const auto values = waferValues(db, request);
  WorkspaceCommonality out;
  out.unitName = request.unit == CommonalityUnit::Lot ? "lot" : "wafer";
  out.valueName = request.yield ? "die yield" : request.parameter + " wafer mean";
  for (const auto& [key, v] : values) out.wafers += v.n > 0 ? 1 : 0;

  std::vector<StepGrouping> groupings;
  bool lotLevelHistory = false;
  std::size_t reworked = 0, unmatched = 0;
  for (const auto& step : steps) {
    // Where each wafer ran: its own row, else its lot's (wafer 0); the last pass when there are several.
    std::map<WaferKey, const store::ProcessContext*> ranOn;
    std::map<WaferKey, int> passes;
    const auto history = store::processAtStep(db, step);
    for (const auto& c : history) {
      ranOn[{c.lot, c.wafer}] = &c;
      ++passes[{c.lot, c.wafer}];
      lotLevelHistory |= c.wafer == 0;
    }
    if (!request.steps.empty() && history.empty()) throw Error("step '" + step + "' is not in the route history");
    for (const auto& [k, n] : passes) reworked += n > 1 ? 1 : 0;
    std::vector<std::string> labels, units;
    std::vector<double> unitValues;
    std::map<std::pair<std::string, std::string>, WaferValue> lots;  // (lot, group) → pooled wafer means
    std::map<std::string, std::pair<double, double>> counts;         // group → (pass, fail)
    std::vector<std::string> countOrder;
    for (const auto& [key, v] : values) {
      if (v.n == 0) continue;
      auto it = ranOn.find(key);
      if (it == ranOn.end()) it = ranOn.find({key.first, 0});
      if (it == ranOn.end()) {
        ++unmatched;
        continue;
      }
      std::string label = groupLabel(*it->second, request.grouping);
      if (request.splitAt) label += it->second->trackIn >= *request.splitAt ? " after" : " before";
      const double mean = v.sum / v.n;
      if (request.unit == CommonalityUnit::Lot) {
        auto& l = lots[{key.first, label}];
        l.sum += mean;
        ++l.n;
      } else {
        labels.push_back(label);
        unitValues.push_back(mean);
        units.push_back(key.first + "/" + std::to_string(key.second));
      }
      if (request.yield) {
        if (!counts.count(label)) countOrder.push_back(label);
        counts[label].first += v.pass;
        counts[label].second += v.fail;
      }
    }
    for (const auto& [key, l] : lots) {
      labels.push_back(key.second);
      unitValues.push_back(l.sum / l.n);
      units.push_back(key.first);
    }
    StepGrouping g;
    g.step = step;
    g.samples = groupValues(labels, unitValues, units);
    for (const auto& label : countOrder) {
      g.countLabel.push_back(label);
      g.counts.push_back({counts[label].first, counts[label].second});
    }
    groupings.push_back(std::move(g));
  }
  out.result = commonality(groupings, request.options);
  out.groupings = std::move(groupings);
  if (lotLevelHistory && request.unit == CommonalityUnit::Wafer)
    out.result.notes.push_back(
        "the route history is recorded per lot: the wafers of a lot share its tool and its offset, so wafer-level "
        "p-values overstate the evidence; rank with lot units for a test on the lots (the ranking is usually the "
        "same)");
  if (reworked)
    out.result.notes.push_back(std::to_string(reworked) +
                               " wafer or lot passes of a step ran more than once: the last pass counts");
  if (unmatched)
    out.result.notes.push_back(std::to_string(unmatched) +
                               " wafer-step pairs without route history were left out of that step");
  if (request.yield)
    out.result.notes.push_back(
        "value: the die yield of each wafer (pass / tested dies), the unit the steps are ranked on; the "
        "chi-square on the die counts (group x pass/fail) treats dies as independent while the dies of "
        "a wafer share its defects, so its p-value overstates the evidence");
  return out;
}

}  // namespace fab::variation

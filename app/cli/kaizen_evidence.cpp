#include "app/cli/kaizen_evidence.h"

#include <iostream>
#include <map>

#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/lean/kaizen_store.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

/// Wafer means of the linked parameter, split before/after the change: by when
/// each lot ran the changed step (lot_history) where the link names a step,
/// else by measurement time. Tool/chamber filters keep only lots processed there.
lean::EvidenceInput loadEvidenceInput(store::Database& db, const lean::SpcLink& link) {
  store::MeasurementFilter filter;
  filter.product = link.product;
  const auto series = store::loadMeasurements(db, link.parameter, filter);
  std::map<std::string, std::int64_t> trackIn;  // lot → when it ran the step on the named tool/chamber
  if (!link.step.empty()) {
    for (const auto& p : store::processAtStep(db, link.step)) {
      if (!link.tool.empty() && p.processTool != link.tool) continue;
      if (!link.chamber.empty() && p.chamber != link.chamber) continue;
      trackIn.emplace(p.lot, p.trackIn);
    }
    if (trackIn.empty())
      throw Error("no lot ran step " + link.step + (link.tool.empty() ? "" : " on " + link.tool) +
                  (link.chamber.empty() ? "" : " chamber " + link.chamber) + " in the workspace's lot history");
  }
  struct Acc {
    double sum = 0;
    int n = 0;
    bool after = false;
  };
  std::map<std::pair<std::string, int>, Acc> wafers;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (std::isnan(series.value[i])) continue;
    bool after;
    if (link.step.empty()) {
      if (!series.time[i]) continue;
      after = series.time[i] >= link.changeTime;
    } else {
      auto it = trackIn.find(series.lot[i]);
      if (it == trackIn.end()) continue;
      after = it->second >= link.changeTime;
    }
    auto& a = wafers[{series.lot[i], series.wafer[i]}];
    a.sum += series.value[i];
    ++a.n;
    a.after = after;
  }
  lean::EvidenceInput input;
  for (const auto& [key, a] : wafers) {
    input.values.push_back(a.sum / a.n);
    input.after.push_back(a.after);
  }
  input.splitBasis = link.step.empty()
                         ? "wafer means split by measurement time at " + io::formatTimestamp(link.changeTime)
                         : "wafer means split by when each lot ran " + link.step +
                               (link.tool.empty() ? "" : " on " + link.tool) + (link.chamber.empty() ? "" : "/" + link.chamber) +
                               " (lot history), at " + io::formatTimestamp(link.changeTime);
  return input;
}

}  // namespace

std::optional<lean::KaizenEvidence> kaizenEvidence(store::Database& db, const lean::Kaizen& k) {
  if (!k.link) return std::nullopt;
  if (k.link->intended == lean::Direction::HigherCpk)
    throw Error("the higher-Cpk evidence needs the capability analysis, which this build does not have yet");
  lean::EvidenceOptions options;
  options.intended = k.link->intended;
  return lean::computeEvidence(loadEvidenceInput(db, *k.link), options);
}

lean::EvidenceGate evidenceGate(store::Database& db, const lean::Kaizen& k) {
  lean::EvidenceGate gate;
  try {
    if (auto e = kaizenEvidence(db, k)) {
      gate.computed = true;
      gate.improvementShown = e->improvementShown;
      gate.summary = e->verdict;
    }
  } catch (const Error& e) {
    gate.summary = std::string("evidence could not be computed: ") + e.what();
  }
  return gate;
}

int printEvidence(const Args& args, std::int64_t kaizenId) {
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto k = lean::KaizenStore(ws.db()).get(kaizenId);
  const auto e = kaizenEvidence(ws.db(), k);
  if (!e) throw Error("kaizen " + std::to_string(kaizenId) + " has no SPC link: nothing to compute");
  if (args.json()) {
    printJson({{"kaizen", kaizenId},
               {"parameter", k.link->parameter},
               {"intended", lean::directionName(k.link->intended)},
               {"split", e->splitBasis},
               {"before", {{"n", e->mean.before.n}, {"mean", e->mean.before.mean}, {"sd", e->mean.before.sd}}},
               {"after", {{"n", e->mean.after.n}, {"mean", e->mean.after.mean}, {"sd", e->mean.after.sd}}},
               {"welch", {{"difference", e->mean.difference}, {"t", e->mean.t}, {"df", e->mean.df}, {"p", e->mean.pValue},
                          {"ci_low", e->mean.ciLow}, {"ci_high", e->mean.ciHigh}, {"confidence", e->mean.confidence}}},
               {"brown_forsythe", {{"f", e->spread.f}, {"df1", e->spread.df1}, {"df2", e->spread.df2}, {"p", e->spread.pValue},
                                   {"sd_ratio", e->spread.ratio}}},
               {"improvement_shown", e->improvementShown},
               {"verdict", e->verdict}});
    return 0;
  }
  std::cout << "kaizen " << kaizenId << ": " << k.title << "\n" << e->splitBasis << "\n\n";
  TextTable t({"", "n", "mean", "sd"});
  t.add({"before", std::to_string(e->mean.before.n), fmt(e->mean.before.mean), fmt(e->mean.before.sd)});
  t.add({"after", std::to_string(e->mean.after.n), fmt(e->mean.after.mean), fmt(e->mean.after.sd)});
  t.print();
  std::cout << "\nmean difference " << fmt(e->mean.difference) << " [" << fmt(e->mean.ciLow) << ", " << fmt(e->mean.ciHigh)
            << "] (95 %), Welch t = " << fmt(e->mean.t, 3) << ", df = " << fmt(e->mean.df, 1) << ", p = " << fmt(e->mean.pValue, 5)
            << "\nBrown–Forsythe F = " << fmt(e->spread.f, 3) << ", p = " << fmt(e->spread.pValue, 5) << "\n\n"
            << "intended " << lean::directionName(k.link->intended) << ": " << e->verdict << "\n";
  return 0;
}

}  // namespace fab::cli

#include "app/cli/kaizen_evidence.h"

#include <iostream>

#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/lean/kaizen_store.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

Json capabilityJson(const std::optional<spc::CapabilityResult>& c) {
  if (!c) return nullptr;
  const auto& i = c->cpk.available ? c->cpk : (c->cpl.available ? c->cpl : c->cpu);
  return {{"index", c->cpk.available ? "Cpk" : (c->cpl.available ? "Cpl" : "Cpu")}, {"value", number(i.value)},
          {"lower", number(i.lower)}, {"upper", number(i.upper)}, {"n", c->n}, {"sigma_within", number(c->sigmaWithin)}};
}

}  // namespace

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
               {"cpk_before", capabilityJson(e->capabilityBefore)},
               {"cpk_after", capabilityJson(e->capabilityAfter)},
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
  if (e->capabilityBefore)
    std::cout << "capability (wafer means, σ within from MR̄/d2): Cpk before " << fmt(e->capabilityBefore->cpk.value, 3)
              << ", after " << fmt(e->capabilityAfter->cpk.value, 3) << "\n";
  return 0;
}

}  // namespace fab::cli

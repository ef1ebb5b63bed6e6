#include "core/analysis/killer_defects.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/analysis/die_grid_in_force.h"
#include "core/common/error.h"
#include "core/defect/inspected_dies.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "core/wafer/die_frame.h"

namespace fab::analysis {

KillerAnalysis killersOfObservations(std::vector<double> sizeUm, std::vector<int> killed, const KillerRequest& r) {
  r.options.validate();
  KillerAnalysis a;
  a.sizeUm = std::move(sizeUm);
  a.killed = std::move(killed);
  a.fractions = defect::killFractionsBySize(a.sizeUm, a.killed, r.options, r.cleanYield);
  defect::LogisticOptions lo;
  lo.logSize = r.logSize;
  a.fit = defect::fitLogistic(a.sizeUm, a.killed, lo);
  a.killer = defect::killerSize(a.fit, r.probability, r.options.confidence);
  return a;
}

KillerData loadKillerData(store::Database& db, const KillerRequest& r) {
  store::DieFilter filter;
  filter.lots = r.lots;
  KillerData data;
  data.dies = store::loadDies(db, filter);
  data.defects = store::loadDefects(db, filter, r.layer);
  data.inspections = store::loadInspections(db, filter, r.layer);
  for (const auto& w : data.dies)
    if (!data.products.count(w.product))
      data.products[w.product] = w.product.empty() ? std::nullopt : store::loadProduct(db, w.product);
  return data;
}

KillerAnalysis workspaceKillers(store::Database& db, const KillerRequest& r) {
  return killersOf(loadKillerData(db, r), r);
}

KillerAnalysis killersOf(const KillerData& data, const KillerRequest& r) {
  r.options.validate();
  using WaferKey = std::pair<std::string, int>;
  std::map<WaferKey, const store::WaferDefects*> defectsOf;
  std::map<WaferKey, const store::WaferInspections*> inspectionsOf;
  for (const auto& w : data.defects) defectsOf[{w.lot, w.wafer}] = &w;
  for (const auto& w : data.inspections) inspectionsOf[{w.lot, w.wafer}] = &w;
  std::vector<defect::KillDie> dies;
  std::vector<defect::KillDefect> defects;
  std::vector<double> sizes;
  std::vector<int> killed;
  std::size_t wholeWafers = 0, wafersUsed = 0;
  int key = 0;
  std::size_t tested = 0, inspected = 0, planWafers = 0;
  std::set<WaferKey> withDies;
  std::vector<std::string> notes;
  const auto& sorted = data.dies;
  // loadDies orders by lot and wafer: each lot is one run, with one die grid.
  for (std::size_t first = 0; first < sorted.size();) {
    std::size_t last = first;
    while (last < sorted.size() && sorted[last].lot == sorted[first].lot) ++last;
    const std::span<const store::WaferDies> lot(sorted.data() + first, last - first);
    first = last;
    for (const auto& w : lot) withDies.insert({w.lot, w.wafer});
    const std::string& productName = lot.front().product;
    static const std::optional<store::Product> kNoLayout;
    const auto found = data.products.find(productName);
    const auto& product = found == data.products.end() ? kNoLayout : found->second;
    if (!product) {
      notes.push_back("lot '" + lot.front().lot + "': no product layout, left out");
      continue;
    }
    const auto grid = dieGridInForce(wafer::layoutFromProduct(*product), lot);
    if (!grid.note.empty()) notes.push_back("lot '" + lot.front().lot + "': " + grid.note);
    const auto frame = wafer::productDieFrame(grid.layout);
    for (const auto& w : lot) {
      const auto f = defectsOf.find({w.lot, w.wafer});
      const auto i = inspectionsOf.find({w.lot, w.wafer});
      if (f == defectsOf.end() && i == inspectionsOf.end()) continue;  // not inspected (at the layer)
      const auto input = defect::overlayWafer(
          key, frame, w.dies,
          f == defectsOf.end() ? std::span<const store::Defect>() : std::span<const store::Defect>(f->second->defects),
          i == inspectionsOf.end() ? std::span<const store::Inspection>()
                                   : std::span<const store::Inspection>(i->second->inspections));
      (input.inspected.wholeWafer() ? wholeWafers : planWafers) += 1;
      tested += input.dies.size();
      std::map<wafer::DieIndex, double> largest;
      for (const auto& d : input.defects)
        if (std::isfinite(d.sizeUm))
          largest[d.die] = std::max(largest.count(d.die) ? largest[d.die] : d.sizeUm, d.sizeUm);
      bool used = false;
      for (const auto& d : input.dies) {
        if (!d.inspected) continue;
        ++inspected;
        if (const auto l = largest.find(d.index); l != largest.end()) {
          sizes.push_back(l->second);
          killed.push_back(!d.pass);
          used = true;
        }
      }
      wafersUsed += used ? 1 : 0;
      dies.insert(dies.end(), input.dies.begin(), input.dies.end());
      defects.insert(defects.end(), input.defects.begin(), input.defects.end());
      ++key;
    }
  }
  if (dies.empty())
    throw Error("no wafer has both sort results and an inspection (defects or a KLARF)" +
                (r.layer.empty() ? std::string() : " at layer '" + r.layer + "'"));
  KillerAnalysis a = killersOfObservations(std::move(sizes), std::move(killed), r);
  a.killRatios = defect::killRatios(dies, defects, r.options);
  a.testedDies = tested;
  a.inspectedDies = inspected;
  a.planWafers = planWafers;
  a.inspectedWafers = static_cast<std::size_t>(key);
  a.wafers = wafersUsed;
  a.notes = std::move(notes);
  std::size_t skipped = 0;
  for (const auto& [k, w] : defectsOf) skipped += withDies.count(k) ? 0 : 1;
  if (skipped) a.notes.push_back(std::to_string(skipped) + " wafer(s) with defects but no sort results were left out");
  if (planWafers)
    a.notes.push_back(std::to_string(planWafers) +
                      " wafer(s) inspected through a KLARF SampleTestPlan (only the dies it lists count): " +
                      std::to_string(inspected) + " of " + std::to_string(tested) + " tested dies count as inspected");
  if (wholeWafers)
    a.notes.push_back(std::to_string(wholeWafers) +
                      " wafer(s) without a SampleTestPlan (KLARF without one, or defects from a CSV): every tested "
                      "die counts as inspected");
  a.notes.insert(a.notes.end(), a.killRatios->notes.begin(), a.killRatios->notes.end());
  return a;
}

}  // namespace fab::analysis

#pragma once
// Which dies of a wafer an inspection looked at (docs/ARCHITECTURE.md §4 "Killer defects":
// "without a defect" means inspected and defect-free). A KLARF SampleTestPlan
// lists the inspected dies; a KLARF without one, or defects imported from a
// CSV (no inspection record), cover the whole wafer.
#include <set>
#include <span>
#include <vector>

#include "core/defect/kill_ratio.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "core/wafer/die_frame.h"

namespace fab::defect {

struct InspectedDies {
  enum class Coverage {
    NoRecord,    ///< defects without an inspection record (from a CSV, or imported before test plans were kept): whole
                 ///< wafer
    WholeWafer,  ///< an inspection without a SampleTestPlan
    SamplePlan,  ///< the union of the inspections' SampleTestPlans
  };
  Coverage coverage = Coverage::NoRecord;
  std::set<wafer::DieIndex> dies;  ///< product's die frame; used with SamplePlan only

  bool wholeWafer() const { return coverage != Coverage::SamplePlan; }
  bool contains(wafer::DieIndex die) const { return wholeWafer() || dies.count(die) > 0; }
};

/// The product dies a wafer's inspections covered. Each listed die is placed on
/// the product's grid from the centre of its cell in the wafer frame (the same
/// `locate` that places defects), so a product layout imported after the
/// inspection file still numbers both alike. One inspection without a plan
/// makes the whole wafer inspected; so does a defect of a layer that has no
/// inspection record (defects from a CSV): `defects` are the wafer's defects
/// being analysed (their layers), may be empty.
InspectedDies inspectedDies(std::span<const store::Inspection> inspections, const wafer::DieFrame& product,
                            std::span<const store::Defect> defects = {});

/// One wafer's sort results, defects and inspections overlaid in the product's
/// die frame as killRatios() takes them: every sort result flagged inspected
/// or not, every defect on the product die under its wafer-frame position.
struct WaferKillInput {
  std::vector<KillDie> dies;
  std::vector<KillDefect> defects;
  InspectedDies inspected;
};
WaferKillInput overlayWafer(int waferKey, const wafer::DieFrame& product, std::span<const store::Die> dies,
                            std::span<const store::Defect> defects, std::span<const store::Inspection> inspections);

}  // namespace fab::defect

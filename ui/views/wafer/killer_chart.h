#pragma once
// Killer-defect data of the wafers on show and its chart: the kill ratio
// KR = 1 − Yd/Yc over the inspected dies, the kill fraction per size bin with
// its Clopper–Pearson interval (one observation per defective inspected die:
// its largest defect, killed when the die fails), the fitted logistic kill
// probability and the killer size at 50 % with its interval. Only dies the
// wafers' inspections covered count (a KLARF SampleTestPlan, else the wafer).
#include <QString>

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/defect/kill_ratio.h"
#include "core/defect/logistic_fit.h"
#include "core/defect/wafer_map.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::wafer {

struct KillerAnalysis {
  std::vector<double> sizeUm;  ///< one per defective inspected tested die
  std::vector<int> killed;
  std::optional<defect::KillRatioTable> killRatios;  ///< over the inspected dies of the inspected wafers
  std::size_t testedDies = 0, inspectedDies = 0;     ///< on the inspected wafers (defects or a KLARF record)
  std::size_t planWafers = 0;                        ///< wafers whose inspection had a SampleTestPlan
  std::size_t inspectedWafers = 0;                   ///< wafers with defects or an inspection record
  std::vector<defect::KillFraction> fractions;
  defect::LogisticFit fit;
  defect::KillerSize killer;
  std::size_t wafers = 0;
};

/// Throws fab::Error when the maps hold no defective inspected tested die.
KillerAnalysis analyseKillers(std::span<const defect::WaferMap> maps, double probability = 0.5);

/// The kill ratio over the inspected dies, how many dies counted as inspected and why, and the killer size.
QString killerSummary(const KillerAnalysis& analysis);

/// Kill fraction vs size (log-scaled bin centres on a linear µm axis), interval bars, the logistic
/// curve and a vertical line at the killer size.
std::shared_ptr<chart::ChartModel> killerChart(const KillerAnalysis& analysis);

}  // namespace fab::ui::wafer

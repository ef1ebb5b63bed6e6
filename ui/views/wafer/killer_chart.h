#pragma once
// Killer-defect data of the wafers on show and its chart: the kill fraction
// per size bin with its Clopper–Pearson interval (one observation per
// defective die: its largest defect, killed when the die fails), the fitted
// logistic kill probability and the killer size at 50 % with its interval.
#include <memory>
#include <span>
#include <vector>

#include "core/defect/kill_ratio.h"
#include "core/defect/logistic_fit.h"
#include "core/defect/wafer_map.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::wafer {

struct KillerAnalysis {
  std::vector<double> sizeUm;  ///< one per defective tested die
  std::vector<int> killed;
  std::vector<defect::KillFraction> fractions;
  defect::LogisticFit fit;
  defect::KillerSize killer;
  std::size_t wafers = 0;
};

/// Throws fab::Error when the maps hold no defective tested die.
KillerAnalysis analyseKillers(std::span<const defect::WaferMap> maps, double probability = 0.5);

/// Kill fraction vs size (log-scaled bin centres on a linear µm axis), interval bars, the logistic
/// curve and a vertical line at the killer size.
std::shared_ptr<chart::ChartModel> killerChart(const KillerAnalysis& analysis);

}  // namespace fab::ui::wafer

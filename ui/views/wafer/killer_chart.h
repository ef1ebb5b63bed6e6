#pragma once
// The killer-defect panel of the wafers on show (the analysis is
// core/analysis/killer_defects.h, as `fabkit-cli killer` computes it): the kill ratio
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

#include "core/analysis/killer_defects.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::wafer {

using analysis::KillerAnalysis;

/// The kill ratio over the inspected dies, how many dies counted as inspected and why, and the killer size.
QString killerSummary(const KillerAnalysis& analysis);

/// Kill fraction vs size (log-scaled bin centres on a linear µm axis), interval bars, the logistic
/// curve and a vertical line at the killer size.
std::shared_ptr<chart::ChartModel> killerChart(const KillerAnalysis& analysis);

}  // namespace fab::ui::wafer

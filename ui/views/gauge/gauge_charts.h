#pragma once
// Chart data of the gauge study view, built once from an analysis result
// (the charts compute no statistics beyond placing control limits):
//  - the per-appraiser agreement chart: percent within appraisers and vs the
//    standard with Clopper–Pearson interval whiskers;
//  - the components-of-variation chart of a gauge R&R;
//  - the R and X̄ charts by appraiser and the part × appraiser interaction plot.
#include <memory>

#include "core/msa/attribute_agreement.h"
#include "core/msa/grr_average_range.h"
#include "core/msa/grr_summary.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::gauge {

/// One bar group per appraiser; series "Within appraiser" (with repeat trials)
/// and "Appraiser vs standard" (with a standard), values and whiskers in percent.
chart::BarChartModel agreementChart(const msa::AttributeAgreementResult& result);

/// Groups Gage R&R, Repeatability, Reproducibility, Part-to-part; series
/// %Contribution, %Study variation and (given a tolerance) %Tolerance.
/// Dashed lines at 10 % and 30 % (AIAG MSA 4th ed., p. 78 acceptance guide).
chart::BarChartModel componentsChart(const msa::GrrSummary& summary, const QString& title);

/// R chart by appraiser: cell ranges, appraiser after appraiser (parts within),
/// with R̿, UCL = D4·R̿ and LCL = D3·R̿ (AIAG MSA 4th ed., ch. III §B, Figure III-B 7).
chart::ChartModel rangeChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                             const std::vector<std::string>& appraisers);

/// X̄ chart by appraiser: cell means with X̿ ± A2·R̿, A2 = 3/(d2·√trials)
/// (AIAG MSA 4th ed., Figure III-B 5); most means should fall outside.
chart::ChartModel meanChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                            const std::vector<std::string>& appraisers);

/// Part × appraiser interaction: each appraiser's mean per part, parts on x.
chart::ChartModel interactionChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                                   const std::vector<std::string>& appraisers);

}  // namespace fab::ui::gauge

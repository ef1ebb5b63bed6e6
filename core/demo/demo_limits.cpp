// Approved three-way limits for the demo parameters from a phase I of the
// early lots, so that the demo's first control chart tells its story (the
// FURN-02 drift and the GATE_CD step after the 2026-10-01 wet clean signal).
//
// Wafers are nested in lots: consecutive wafer means mostly share a lot, so
// their moving ranges see only wafer-to-wafer variation and miss the routine
// lot-to-lot variation (Montgomery, Introduction to SQC, 7th ed., §6.3.3;
// Wheeler & Chambers §8.6 choose the subgroups so that the means chart holds
// the routine between-subgroup variation). The approved σ of the wafer means is
// therefore the standard deviation of the phase I wafer means (lot-to-lot
// included), and only rule 1 applies: run rules assume independent points,
// and 25 wafers of one lot share its shift.
#include <cmath>

#include "core/demo/demo_limits.h"
#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"

namespace fab::demo {

std::int64_t demoPhaseOneEnd() { return *io::parseTimestamp("2026-10-01T00:00:00Z"); }

void approveDemoLimits(store::Database& db) {
  for (const auto& parameter : store::listParameters(db)) {
    const auto series = store::loadMeasurements(db, parameter.name);
    const auto keys = store::subgroupKeys(series, "wafer");
    const auto groups = spc::subgroupsByKey(*keys);
    std::size_t phaseOne = 0;  // wafers measured before the end of phase I (rows are in time order)
    while (phaseOne < groups.count() && series.time[groups.members(phaseOne).front()] < demoPhaseOneEnd()) ++phaseOne;
    if (phaseOne < 3) continue;
    spc::ChartOptions o;
    o.type = spc::ChartType::ThreeWay;
    o.phases = {{.start = 0, .baselineFirst = 0, .baselineLast = phaseOne - 1}};
    const auto chart = spc::computeVariablesChart(series.value, &groups, o);
    const auto& means = chart.panels[0].value;
    double sum = 0, squares = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < phaseOne; ++i)
      if (std::isfinite(means[i])) sum += means[i], ++n;
    const double centre = sum / static_cast<double>(n);
    for (std::size_t i = 0; i < phaseOne; ++i)
      if (std::isfinite(means[i])) squares += (means[i] - centre) * (means[i] - centre);
    const auto& e = chart.phases[0].estimate;
    store::ApprovedLimits a;
    a.parameter = parameter.name;
    a.chartType = spc::chartName(spc::ChartType::ThreeWay);
    a.subgroupKey = "wafer";
    a.rules = "rule1";
    a.center = centre;
    a.sigma = e.sigma;
    a.sigmaOfMeans = std::sqrt(squares / static_cast<double>(n - 1));
    a.sigmaMethod = e.sigmaMethod.substr(0, e.sigmaMethod.find(',')) + ", SD of the wafer means between";
    a.lcl = centre - 3 * a.sigmaOfMeans;
    a.ucl = centre + 3 * a.sigmaOfMeans;
    a.baselineSubgroups = static_cast<std::int64_t>(n);
    a.baselineFrom = series.time.front();
    a.baselineTo = demoPhaseOneEnd();
    a.approvedBy = "demo";
    a.approvedAt = *io::parseTimestamp("2026-09-20T08:00:00Z");
    a.reason =
        "phase I: the " + std::to_string(n) + " wafers measured before 2026-10-01 (lot-to-lot variation included)";
    store::saveApprovedLimits(db, a);
  }
}

}  // namespace fab::demo

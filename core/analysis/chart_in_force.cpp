#include "core/analysis/chart_in_force.h"

#include "core/io/field_parse.h"
#include "core/store/default_chart.h"

namespace fab::analysis {

void approvedSubgroups(const store::ApprovedLimits& a, spc::ChartType type, std::string& field,
                       std::optional<std::size_t>& size) {
  field = a.subgroupKey;
  size.reset();
  if (!field.empty()) return;
  if (a.subgroupSize)
    size = static_cast<std::size_t>(*a.subgroupSize);
  else if (type == spc::ChartType::XbarR || type == spc::ChartType::XbarS || type == spc::ChartType::ThreeWay)
    size = 5;
}

ChartInForce chartInForce(store::Database& db, const store::MeasurementSeries& series, const std::string& parameter,
                          const std::string& product) {
  using spc::ChartType;
  ChartInForce c;
  for (auto t : {ChartType::IndividualsMR, ChartType::XbarR, ChartType::XbarS, ChartType::ThreeWay, ChartType::Ewma,
                 ChartType::Cusum})
    if (auto a = store::limitsInForce(db, parameter, spc::chartName(t), product))
      if (!c.approved || a->id > c.approved->id) {  // the approval saved last
        c.type = t;
        c.approved = std::move(a);
      }
  const auto chosen = store::defaultChart(series);
  const std::string dataReason = !chosen.note.empty()        ? chosen.note
                                 : chosen.sitesPerWafer == 0 ? "no wafer numbers: individuals and moving range chart"
                                                             : "one site per wafer: individuals and moving range chart";
  if (c.approved) {
    approvedSubgroups(*c.approved, c.type, c.subgroup, c.subgroupSize);
    // The data's reason when the approval is for the chart the data call for (the limits source says approved).
    c.reason = c.type == chosen.type
                   ? dataReason
                   : std::string("the chart of the latest approved limits (") + spc::chartName(c.type) + ")";
    return c;
  }
  c.type = chosen.type;
  c.subgroup = chosen.subgroup;
  c.reason = dataReason;
  return c;
}

std::string describeApproval(const store::ApprovedLimits& a) {
  return "approved limits version " + std::to_string(a.version) + " (" + a.chartType + "), approved by " +
         a.approvedBy + " on " + io::formatTimestamp(a.approvedAt).substr(0, 10) + ": " + a.reason;
}

}  // namespace fab::analysis

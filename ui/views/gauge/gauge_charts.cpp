#include "ui/views/gauge/gauge_charts.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/spc/constants.h"

namespace fab::ui::gauge {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString q(const std::string& s) { return QString::fromStdString(s); }

/// Appends a per-appraiser agreement series (percent with its interval).
void addAgreementSeries(chart::BarChartModel& m, const QString& name, QColor color,
                        const std::vector<msa::AssessmentAgreement>& lines,
                        const std::vector<std::string>& appraisers) {
  if (lines.empty()) return;
  chart::BarSeries s{name, color, std::vector<double>(appraisers.size(), kNaN),
                     std::vector<double>(appraisers.size(), kNaN), std::vector<double>(appraisers.size(), kNaN)};
  for (const auto& line : lines) {
    const auto it = std::find(appraisers.begin(), appraisers.end(), line.appraiser);
    if (it == appraisers.end()) continue;
    const auto i = static_cast<std::size_t>(it - appraisers.begin());
    s.values[i] = 100 * line.percent.estimate;
    s.low[i] = 100 * line.percent.low;
    s.high[i] = 100 * line.percent.high;
  }
  m.series.push_back(std::move(s));
}

/// x axis labelled by appraiser over blocks of `parts` points: x = 1 + a·parts + p.
chart::AxisSpec appraiserAxis(const std::vector<std::string>& appraisers, std::size_t parts) {
  chart::AxisSpec axis;
  axis.label = QObject::tr("part within appraiser");
  axis.format = [appraisers, parts](double x) {
    const double i = std::round(x) - 1;
    if (std::abs(x - std::round(x)) > 1e-6 || i < 0 || parts == 0) return QString();
    const auto a = static_cast<std::size_t>(i) / parts, p = static_cast<std::size_t>(i) % parts;
    if (a >= appraisers.size()) return QString();
    return QString("%1·%2").arg(q(appraisers[a])).arg(p + 1);
  };
  return axis;
}

/// One series per appraiser of `value(cell)`, points at x = 1 + a·parts + p, plus phase splits.
void addCellSeries(chart::ChartModel& m, const msa::AverageRangeResult& r, const std::vector<std::string>& appraisers,
                   double (*value)(const msa::GrrCell&), bool flagRanges) {
  const auto parts = static_cast<std::size_t>(r.parts);
  for (std::size_t a = 0; a < appraisers.size(); ++a) {
    chart::Series s;
    s.name = q(appraisers[a]);
    s.color = chart::ChartStyle::palette(static_cast<int>(a));
    for (const auto& c : r.cells) {
      if (c.appraiser != a) continue;
      const auto flags = flagRanges && c.rangeAboveLimit ? chart::kFlagViolation : chart::kFlagNone;
      const std::int64_t row = c.rows.empty() ? -1 : static_cast<std::int64_t>(c.rows.front());
      s.points.push_back({static_cast<double>(1 + a * parts + c.part), value(c), row, flags});
    }
    m.series.push_back(std::move(s));
    if (a > 0) m.phases.push_back({static_cast<double>(a * parts) + 0.5, q(appraisers[a])});
  }
}

}  // namespace

chart::BarChartModel agreementChart(const msa::AttributeAgreementResult& result) {
  chart::BarChartModel m;
  m.title = QObject::tr("Assessment agreement by appraiser (%, %1 interval)").arg(QObject::tr("95 %"));
  for (const auto& a : result.appraisers) m.categories.push_back(q(a));
  m.yAxis.label = QObject::tr("agreement [%]");
  m.yAxis.min = 0;
  m.yAxis.max = 105;
  addAgreementSeries(m, QObject::tr("Within appraiser"), QColor(31, 119, 180), result.withinAppraisers,
                     result.appraisers);
  addAgreementSeries(m, QObject::tr("Appraiser vs standard"), QColor(255, 127, 14), result.versusStandard,
                     result.appraisers);
  return m;
}

chart::BarChartModel componentsChart(const msa::GrrSummary& summary, const QString& title) {
  chart::BarChartModel m;
  m.title = title;
  m.yAxis.label = QObject::tr("percent");
  m.referenceLines = {10, 30};
  const std::vector<std::pair<const char*, QString>> groups = {{"GRR", QObject::tr("Gage R&R")},
                                                               {"EV", QObject::tr("Repeatability")},
                                                               {"AV", QObject::tr("Reproducibility")},
                                                               {"PV", QObject::tr("Part-to-part")}};
  chart::BarSeries contribution{QObject::tr("% Contribution"), QColor(31, 119, 180), {}, {}, {}};
  chart::BarSeries study{QObject::tr("% Study variation"), QColor(255, 127, 14), {}, {}, {}};
  chart::BarSeries tolerance{QObject::tr("% Tolerance"), QColor(44, 160, 44), {}, {}, {}};
  bool hasTolerance = false;
  for (const auto& [symbol, label] : groups) {
    const auto& c = summary.component(symbol);
    m.categories.push_back(label);
    contribution.values.push_back(c.pctContribution);
    study.values.push_back(c.pctStudyVariation);
    tolerance.values.push_back(c.pctTolerance.value_or(kNaN));
    hasTolerance = hasTolerance || c.pctTolerance.has_value();
  }
  m.series.push_back(std::move(contribution));
  m.series.push_back(std::move(study));
  if (hasTolerance) m.series.push_back(std::move(tolerance));
  return m;
}

chart::ChartModel rangeChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                             const std::vector<std::string>& appraisers) {
  chart::ChartModel m;
  m.title = QObject::tr("R chart by appraiser");
  m.xAxis = appraiserAxis(appraisers, parts.size());
  m.yAxis.label = QObject::tr("range");
  addCellSeries(
      m, r, appraisers, [](const msa::GrrCell& c) { return c.range; }, true);
  const double x1 = static_cast<double>(r.cells.size()) + 0.5;
  const double d3 = 1 - 3 * spc::d3(r.trials) / spc::d2(r.trials);
  m.limits.push_back(chart::StepLine::constant("UCL", 0.5, x1, r.rangeUcl));
  m.limits.push_back(chart::StepLine::constant("R̿", 0.5, x1, r.meanRange, Qt::darkGreen, Qt::SolidLine));
  m.limits.push_back(chart::StepLine::constant("LCL", 0.5, x1, std::max(0.0, d3) * r.meanRange));
  return m;
}

chart::ChartModel meanChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                            const std::vector<std::string>& appraisers) {
  chart::ChartModel m;
  m.title = QObject::tr("X̄ chart by appraiser");
  m.xAxis = appraiserAxis(appraisers, parts.size());
  m.yAxis.label = QObject::tr("mean");
  addCellSeries(
      m, r, appraisers, [](const msa::GrrCell& c) { return c.mean; }, false);
  const double grand = r.appraiserMean.empty() ? 0
                                               : std::accumulate(r.appraiserMean.begin(), r.appraiserMean.end(), 0.0) /
                                                     static_cast<double>(r.appraiserMean.size());
  const double a2 = 3 / (spc::d2(r.trials) * std::sqrt(static_cast<double>(r.trials)));
  const double x1 = static_cast<double>(r.cells.size()) + 0.5;
  m.limits.push_back(chart::StepLine::constant("UCL", 0.5, x1, grand + a2 * r.meanRange));
  m.limits.push_back(chart::StepLine::constant("X̿", 0.5, x1, grand, Qt::darkGreen, Qt::SolidLine));
  m.limits.push_back(chart::StepLine::constant("LCL", 0.5, x1, grand - a2 * r.meanRange));
  return m;
}

chart::ChartModel interactionChart(const msa::AverageRangeResult& r, const std::vector<std::string>& parts,
                                   const std::vector<std::string>& appraisers) {
  chart::ChartModel m;
  m.title = QObject::tr("Part × appraiser interaction");
  m.xAxis.label = QObject::tr("part");
  m.xAxis.format = [parts](double x) {
    const double i = std::round(x) - 1;
    if (std::abs(x - std::round(x)) > 1e-6 || i < 0 || i >= static_cast<double>(parts.size())) return QString();
    return q(parts[static_cast<std::size_t>(i)]);
  };
  m.yAxis.label = QObject::tr("appraiser mean");
  for (std::size_t a = 0; a < appraisers.size(); ++a) {
    chart::Series s;
    s.name = q(appraisers[a]);
    s.color = chart::ChartStyle::palette(static_cast<int>(a));
    for (const auto& c : r.cells)
      if (c.appraiser == a) s.points.push_back({static_cast<double>(c.part + 1), c.mean, -1, chart::kFlagNone});
    m.series.push_back(std::move(s));
  }
  return m;
}

}  // namespace fab::ui::gauge

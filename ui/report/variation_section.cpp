#include "ui/report/variation_section.h"

#include <cmath>

#include "core/common/error.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/box_plot_painter.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/number_text.h"
#include "ui/report/variation_figures.h"

namespace fab::ui::report {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString pText(double p) { return p < 1e-4 ? QString::number(p, 'e', 2) : QString::number(p, 'f', 4); }

/// Steps of the commonality ranking listed in the report.
constexpr std::size_t kStepsShown = 5;

}  // namespace

ParameterVariation analyseVariation(store::Database& db, const std::string& parameter, const SpcScope& scope) {
  ParameterVariation v;
  v.parameter = parameter;
  store::MeasurementFilter filter;
  filter.lots = scope.lots;
  filter.from = scope.from;
  filter.to = scope.to;
  try {
    variation::WorkspaceVarianceRequest request;
    request.parameter = parameter;
    request.filter = filter;
    v.components = variation::workspaceVarianceComponents(db, request);
  } catch (const Error& e) {
    v.componentsNote = e.what();
  }
  try {
    variation::CommonalityRequest request;
    request.parameter = parameter;
    request.filter = filter;
    v.commonality = variation::workspaceCommonality(db, request);
  } catch (const Error& e) {
    v.commonalityNote = e.what();
  }
  return v;
}

void variationSection(ReportDocument& doc, const ParameterVariation& v, const QString& unit) {
  // A page of its own after the parameter's control-chart page: summary + two pages per parameter.
  doc.pageBreak();
  doc.heading(qs(v.parameter) + " – where the variation lives");
  if (!v.components) {
    doc.paragraph("Variance components: " + qs(v.componentsNote) + ".", true);
  } else {
    const auto& r = v.components->result;
    doc.figure({{std::make_shared<chart::SeriesChartPainter>(variabilityChart(*v.components, qs(v.parameter))),
                 std::make_shared<chart::BarChartPainter>(componentsChart(r))},
                200,
                QString("Left: every site by wafer, wafer means joined, lot means as levels. Right: each component's "
                        "share of the total variance with its %1 % interval (%2). %3, %4 values.")
                    .arg(100 * r.confidence, 0, 'g', 3)
                    .arg(qs(r.intervalMethod), qs(r.method))
                    .arg(r.n)});
    Table t;
    t.headers = {"component", "σ²", "% of total", "σ", "interval of σ²"};
    t.alignRight = {false, true, true, true, true};
    t.columnWeights = {3, 2, 1.5, 2, 3};
    for (const auto& c : r.components)
      t.rows.push_back({{qs(c.source.empty() ? c.level : c.source) + (c.truncated ? " (negative, set to 0)" : "")},
                        {significant(c.variance)},
                        {QString::number(c.percent, 'f', 1)},
                        {significant(c.sigma) + (unit.isEmpty() ? "" : " " + unit)},
                        {std::isfinite(c.ciLow) ? QString("%1 – %2").arg(significant(c.ciLow), significant(c.ciHigh)) : "—"}});
    doc.table(std::move(t));
  }
  doc.heading("Which tool", 2);
  if (!v.commonality) {
    doc.paragraph("Tool commonality: " + qs(v.commonalityNote) + ".", true);
    return;
  }
  const auto& c = v.commonality->result;
  Table t;
  t.caption = QString("%1 by tool and chamber at each route step, ranked by %2")
                  .arg(qs(v.commonality->valueName), qs(c.rankedBy));
  t.headers = {"step", "groups", "units", "Kruskal–Wallis H", "p", "adjusted p"};
  t.alignRight = {false, true, true, true, true, true};
  t.columnWeights = {3, 1, 1, 2, 2, 2};
  for (std::size_t i = 0; i < std::min(kStepsShown, c.steps.size()); ++i) {
    const auto& s = c.steps[i];
    t.rows.push_back({{qs(s.step), std::nullopt, i == 0 && s.tested},
                      {QString::number(s.groups)},
                      {QString::number(s.units)},
                      {s.kruskalWallis ? QString::number(s.kruskalWallis->h, 'f', 2) : "—"},
                      {s.tested ? pText(s.pValue) : qs(s.message)},
                      {s.tested ? pText(s.pAdjusted) : ""}});
  }
  doc.table(std::move(t));
  if (!c.steps.empty() && !c.steps.front().groupStats.empty())
    doc.figure({{std::make_shared<chart::BoxPlotPainter>(
                   stepBoxPlots(c.steps.front(), qs(v.commonality->valueName), "tool + chamber", true))},
                180,
                "Box plots at the top step (quartiles, median, Tukey whiskers, mean ◇); the group with the highest "
                "median in red."});
  QStringList notes;
  for (const auto& n : c.notes) notes << qs(n);
  if (!notes.isEmpty()) doc.paragraph("Notes: " + notes.join("; ") + ".", true);
}

}  // namespace fab::ui::report

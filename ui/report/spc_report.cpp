#include "ui/report/spc_report.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include "core/spc/run_rules.h"
#include "core/store/database.h"
#include "ui/chart/histogram_painter.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/report/report_format.h"
#include "ui/report/spc_figures.h"

namespace fab::ui::report {
namespace {

struct Light {
  QColor colour;
  QString text;
};

/// The index a parameter is ranked by: Cpk, or Cpl/Cpu for a one-sided spec (with its name).
std::pair<const spc::CapabilityIndex*, QString> headline(const SpcParameterAnalysis& a) {
  if (!a.capability) return {nullptr, {}};
  const auto& c = *a.capability;
  if (c.cpk.available) return {&c.cpk, "Cpk"};
  if (c.cpu.available) return {&c.cpu, "Cpu"};
  if (c.cpl.available) return {&c.cpl, "Cpl"};
  return {nullptr, {}};
}

Light cpkLight(const SpcParameterAnalysis& a) {
  const auto [index, name] = headline(a);
  if (!index) return {QColor(170, 170, 170), "no capability"};
  const double c = index->value;
  if (c >= kCpkGood) return {lightGreen(), "capable"};
  if (c >= kCpkPoor) return {lightAmber(), "marginal"};
  return {lightRed(), "not capable"};
}

Light violationLight(const SpcParameterAnalysis& a) {
  if (a.rows == 0) return {QColor(170, 170, 170), "no data"};
  if (a.rule1Count() > 0) return {lightRed(), "out of control"};
  if (a.violationCount() > 0) return {lightAmber(), "run rules"};
  return {lightGreen(), "in control"};
}

QString cpkText(const SpcParameterAnalysis& a) {
  const auto [index, name] = headline(a);
  if (!index) return "—";
  return fixed(index->value, 2) + (name == "Cpk" ? "" : " (" + name + ")");
}

QString interval(const spc::CapabilityIndex& c) {
  return c.available ? "[" + fixed(c.lower, 2) + ", " + fixed(c.upper, 2) + "]" : "—";
}

QString scopeText(const SpcScope& scope, std::size_t parameters) {
  QString s = QString::number(parameters) + (parameters == 1 ? " parameter" : " parameters");
  if (!scope.lots.empty()) {
    QStringList lots;
    for (const auto& l : scope.lots) lots << qs(l);
    s += " · lots " + lots.join(", ");
  }
  if (scope.from || scope.to)
    s += " · " + (scope.from ? dateOf(*scope.from) : QString("start")) + " to " +
         (scope.to ? dateOf(*scope.to) : QString("end"));
  return s;
}

void summaryPage(ReportDocument& doc, const std::vector<SpcParameterAnalysis>& analyses) {
  doc.heading("Summary");
  doc.paragraph(
      "Capability (Cpk; Cpl or Cpu for a one-sided spec): green ≥ 1.33, amber 1.00–1.33, red below 1.00. Control: red "
      "when a point is "
      "beyond a control limit (rule 1), amber for other run-rule violations, green when none.",
      true);
  std::vector<const SpcParameterAnalysis*> byCpk;
  for (const auto& a : analyses) byCpk.push_back(&a);
  auto cpkOf = [](const SpcParameterAnalysis* a) {
    const auto index = headline(*a).first;
    return index ? index->value : HUGE_VAL;
  };
  std::stable_sort(byCpk.begin(), byCpk.end(), [&](auto* x, auto* y) { return cpkOf(x) < cpkOf(y); });
  Table t;
  t.caption = "Parameters ranked by Cpk (lowest first)";
  t.headers = {"#", "parameter", "n", "mean", "Cpk", "95 % interval", "Ppk", "status"};
  t.columnWeights = {0.4, 1.7, 0.8, 1.0, 0.7, 1.3, 0.7, 1.5};
  t.alignRight = {true, false, true, true, true, false, true, false};
  for (std::size_t i = 0; i < byCpk.size(); ++i) {
    const auto& a = *byCpk[i];
    const auto light = cpkLight(a);
    const auto* c = a.capability ? &*a.capability : nullptr;
    t.rows.push_back({{QString::number(i + 1)},
                      {qs(a.parameter), std::nullopt, true},
                      {QString::number(c ? c->n : a.rows)},  // the values capability used
                      {c ? QString::number(c->mean, 'g', 5) : "—"},
                      {cpkText(a), std::nullopt, true},
                      {headline(a).first ? interval(*headline(a).first) : "—"},
                      {c && c->ppk.available ? fixed(c->ppk.value, 2) : "—"},
                      {light.text, light.colour}});
  }
  doc.table(std::move(t));

  std::vector<const SpcParameterAnalysis*> byViolations;
  for (const auto& a : analyses) byViolations.push_back(&a);
  std::stable_sort(byViolations.begin(), byViolations.end(),
                   [](auto* x, auto* y) { return x->violationCount() > y->violationCount(); });
  Table v;
  v.caption = "Parameters ranked by rule violations (most first)";
  v.headers = {"#", "parameter", "points", "violations", "beyond limits", "limits", "status"};
  v.columnWeights = {0.4, 1.7, 0.8, 0.9, 1.0, 1.6, 1.5};
  v.alignRight = {true, false, true, true, true, false, false};
  for (std::size_t i = 0; i < byViolations.size(); ++i) {
    const auto& a = *byViolations[i];
    const auto light = violationLight(a);
    v.rows.push_back({{QString::number(i + 1)},
                      {qs(a.parameter), std::nullopt, true},
                      {QString::number(a.chart.points())},
                      {QString::number(a.violationCount()), std::nullopt, true},
                      {QString::number(a.rule1Count())},
                      {a.approved ? "approved v" + QString::number(a.approved->version) : "estimated"},
                      {light.text, light.colour}});
  }
  doc.table(std::move(v));
}

void violationsTable(ReportDocument& doc, const SpcParameterAnalysis& a) {
  Table t;
  const std::size_t total = a.violationCount();
  t.caption = QString("Rule violations (%1)").arg(total);
  t.headers = {"subgroup", "lot/wafer", "chart", "rule", "value"};
  t.columnWeights = {0.9, 1.3, 1.8, 3.55, 0.75};  // the chart column holds "Moving range of means" on one line
  t.alignRight = {true, false, false, false, true};
  for (const auto& panel : a.chart.panels)
    for (const auto& v : panel.violations) {
      if (t.rows.size() == kViolationRowsShown) break;
      t.rows.push_back({{QString::number(v.point + 1)},
                        {qs(a.pointKeys[v.point])},
                        {qs(panel.name)},
                        {QString::number(v.rule) + ": " + qs(spc::violationReason(a.chart.rules, v))},
                        {QString::number(panel.value[v.point], 'g', 5)}});
    }
  if (total == 0) {
    doc.paragraph("No rule violations.");
    return;
  }
  doc.table(std::move(t));
  if (total > kViolationRowsShown) {
    // The CLI without --chart draws the same chart in force (core/analysis/chart_in_force.h).
    const QString how = "--parameter " + qs(a.parameter);
    doc.paragraph(QString("… and %1 more; `fabkit-cli spc --workspace W %2` lists them all.")
                      .arg(total - kViolationRowsShown)
                      .arg(how),
                  true);
  }
}

void indicesTable(ReportDocument& doc, const SpcParameterAnalysis& a) {
  const auto& c = *a.capability;
  Table t;
  t.caption = QString("Capability indices (n = %1, mean %2, σ within %3 (%4), σ overall %5)")
                  .arg(c.n)
                  .arg(QString::number(c.mean, 'g', 5), QString::number(c.sigmaWithin, 'g', 4), qs(c.sigmaWithinMethod),
                       QString::number(c.sigmaOverall, 'g', 4));
  t.headers = {"index",
               "value",
               QString("lower %1 %").arg(100 * c.confidence, 0, 'f', 0),
               "upper",
               "",
               "ppm",
               "expected (within)",
               "observed"};
  t.columnWeights = {0.7, 0.8, 0.9, 0.8, 0.2, 1.0, 1.3, 1.0};
  t.alignRight = {false, true, true, true, false, false, true, true};
  struct Row {
    const char* name;
    const spc::CapabilityIndex* index;
  };
  // Two-sided specs: Cp, Cpk, Cpm, Pp, Ppk; a one-sided spec defines only its one-sided indices.
  const std::vector<Row> rows =
      c.cpk.available
          ? std::vector<Row>{{"Cp", &c.cp}, {"Cpk", &c.cpk}, {"Cpm", &c.cpm}, {"Pp", &c.pp}, {"Ppk", &c.ppk}}
          : std::vector<Row>{{"Cpl", &c.cpl}, {"Cpu", &c.cpu}, {"Ppl", &c.ppl}, {"Ppu", &c.ppu}, {"Cpm", &c.cpm}};
  const QString ppmNames[] = {"below LSL", "above USL", "total", "", ""};
  const double within[] = {c.expectedWithin.below, c.expectedWithin.above, c.expectedWithin.total};
  const double observed[] = {c.observed.below, c.observed.above, c.observed.total};
  int r = 0;
  for (const auto& row : rows) {
    std::vector<TableCell> cells = {{row.name, std::nullopt, true},
                                    {row.index->available ? fixed(row.index->value, 2) : "—", std::nullopt, true},
                                    {row.index->available ? fixed(row.index->lower, 2) : "—"},
                                    {row.index->available ? fixed(row.index->upper, 2) : "—"},
                                    {""},
                                    {ppmNames[r]}};
    cells.push_back({r < 3 ? fixed(within[r], 1) : ""});
    cells.push_back({r < 3 ? fixed(observed[r], 1) : ""});
    t.rows.push_back(std::move(cells));
    ++r;
  }
  doc.table(std::move(t));
}

void parameterPage(ReportDocument& doc, const SpcParameterAnalysis& a, const ParameterVariation* variation) {
  doc.pageBreak();
  doc.heading(qs(a.parameter) + (a.unit.empty() ? "" : " [" + qs(a.unit) + "]"));
  if (a.rows == 0) {
    doc.paragraph("No measurements of " + qs(a.parameter) + " in the chosen lots and dates.");
    return;
  }
  QString specText = "no spec";
  if (a.hasSpec)
    specText = "spec LSL " + (a.spec.lsl ? QString::number(*a.spec.lsl, 'g', 6) : "—") + ", target " +
               (a.spec.target ? QString::number(*a.spec.target, 'g', 6) : "—") + ", USL " +
               (a.spec.usl ? QString::number(*a.spec.usl, 'g', 6) : "—") + " (" + qs(a.specSource) + ")";
  const auto& seg = a.chart.panels[0].limits;
  QString limits;
  if (!seg.empty())
    limits = QString("CL %1, LCL %2, UCL %3")
                 .arg(QString::number(seg.front().center, 'g', 6), QString::number(seg.front().lcl, 'g', 6),
                      QString::number(seg.front().ucl, 'g', 6));
  doc.paragraph(QString("%1 values, %2 points · %3 · %4.\nLimits: %5.")
                    .arg(a.rows)
                    .arg(a.chart.points())
                    .arg(limits, specText, qs(a.limitsSource)));
  doc.figure({{std::make_shared<chart::SeriesChartPainter>(controlChartModel(a))},
              230,
              "Control chart: zones C, B, A shaded at 1, 2 and 3 σ; red points break a rule; grey hollow points are "
              "excluded from the limits."});
  violationsTable(doc, a);
  if (a.capability) {
    doc.figure({{std::make_shared<chart::HistogramPainter>(capabilityHistogramModel(a))},
                190,
                "Capability histogram with spec limits and the normal densities fitted with σ within and σ overall."});
    indicesTable(doc, a);
  } else {
    doc.paragraph("Capability: " + qs(a.capabilityNote) + ".");
  }
  QStringList notes;
  for (const auto& w : a.chart.warnings) notes << qs(w);
  if (a.capability)
    for (const auto& n : a.capability->notes) notes << qs(n);
  std::size_t shown = 0;
  for (const auto& n : a.notes) {
    if (n.cause.empty() && n.comment.empty()) continue;
    if (++shown > 4) break;
    notes << qs(n.pointKey) + ": " + qs(n.cause) + (n.comment.empty() ? "" : " – " + qs(n.comment)) + " (" + qs(n.who) +
                 ")";
  }
  if (!notes.isEmpty()) doc.paragraph("Notes: " + notes.join("; ") + ".", true);
  if (variation) variationSection(doc, *variation, qs(a.unit));
}

}  // namespace

ReportDocument makeSpcReport(const std::vector<SpcParameterAnalysis>& analyses, const SpcScope& scope,
                             const QString& workspaceName, const std::vector<ParameterVariation>& variations) {
  ReportDocument doc;
  doc.title = "SPC report";
  doc.subtitle = scopeText(scope, analyses.size());
  doc.workspace = workspaceName;
  doc.generated = QDateTime::currentDateTimeUtc().toString("yyyy-MM-dd HH:mm 'UTC'");
  summaryPage(doc, analyses);
  for (std::size_t i = 0; i < analyses.size(); ++i)
    parameterPage(doc, analyses[i], i < variations.size() ? &variations[i] : nullptr);
  return doc;
}

ReportDocument buildSpcReport(const QString& workspacePath, const SpcScope& scope, const Feedback& feedback) {
  store::Database db(workspacePath.toStdString(), store::Database::Mode::ReadOnly);
  const auto analyses = analyseParameters(db, scope, feedback);
  std::vector<ParameterVariation> variations;
  for (const auto& a : analyses) {
    feedback.checkCancelled();
    variations.push_back(analyseVariation(db, a.parameter, scope));
  }
  return makeSpcReport(analyses, scope, QFileInfo(workspacePath).fileName(), variations);
}

}  // namespace fab::ui::report

#include "ui/views/run_chart_data.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <map>

namespace fab::ui {
namespace {

using chart::StepLine;

void addSpecLine(chart::ChartModel& m, const char* name, const std::optional<double>& level, double x0, double x1,
                 QColor colour, Qt::PenStyle style) {
  if (level && std::isfinite(*level)) m.limits.push_back(StepLine::constant(name, x0, x1, *level, colour, style));
}

}  // namespace

RunChartData makeRunChart(store::MeasurementSeries s, const std::optional<store::SpecLimits>& spec) {
  auto model = std::make_shared<chart::ChartModel>();
  const QString unit = QString::fromStdString(s.unit);
  const QString name = QString::fromStdString(s.parameter);
  const bool byTime = !s.time.empty() && std::none_of(s.time.begin(), s.time.end(), [](auto t) { return t == 0; });
  model->title = QObject::tr("%1 – run chart (%2 values)").arg(name).arg(s.size());
  model->xAxis.kind = byTime ? chart::AxisKind::Time : chart::AxisKind::Number;
  model->xAxis.label = byTime ? QObject::tr("time (UTC)") : QObject::tr("sample");
  model->yAxis.label = unit.isEmpty() ? name : name + " [" + unit + "]";
  model->legend = false;

  chart::Series series;
  series.name = name;
  series.points.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double x = byTime ? static_cast<double>(s.time[i]) : static_cast<double>(i + 1);
    chart::ChartPoint p{x, s.value[i], static_cast<std::int64_t>(i), chart::kFlagNone};
    if (spec && std::isfinite(p.y) && ((spec->lsl && p.y < *spec->lsl) || (spec->usl && p.y > *spec->usl)))
      p.flags = chart::kFlagViolation;  // out of spec: a plain comparison, no statistics
    series.points.push_back(p);
  }
  // Rows measured together share a time: points, not a line, show them best.
  series.drawLine = false;
  series.markerRadius = 2;
  model->series.push_back(std::move(series));

  if (spec && !model->series[0].points.empty()) {
    const auto& pts = model->series[0].points;
    const double span = std::max(pts.back().x - pts.front().x, 1.0);
    const double x0 = pts.front().x - span, x1 = pts.back().x + span;  // past both ends: the limits span any zoom
    addSpecLine(*model, "USL", spec->usl, x0, x1, QColor(214, 39, 40), Qt::DashLine);
    addSpecLine(*model, "target", spec->target, x0, x1, QColor(44, 160, 44), Qt::SolidLine);
    addSpecLine(*model, "LSL", spec->lsl, x0, x1, QColor(214, 39, 40), Qt::DashLine);
    // Axis range from the data, not from the lines' extended ends.
    model->xAxis.min = pts.front().x - 0.02 * span;
    model->xAxis.max = pts.back().x + 0.02 * span;
  }
  return {model, std::make_shared<const store::MeasurementSeries>(std::move(s))};
}

RunChartData loadRunChart(store::Database& db, const std::string& parameter) {
  store::MeasurementSeries series = store::loadMeasurements(db, parameter);
  std::map<std::string, std::size_t> products;
  for (const auto& p : series.product) ++products[p];
  std::string product;
  std::size_t most = 0;
  for (const auto& [name, n] : products)
    if (n > most) {
      most = n;
      product = name;
    }
  const auto spec = store::specInForce(db, parameter, product);
  return makeRunChart(std::move(series), spec);
}

QString describePoint(const store::MeasurementSeries& s, std::size_t i) {
  if (i >= s.size()) return {};
  QString text = QString::fromStdString(s.lot[i]);
  if (s.wafer[i]) text += QObject::tr(" / wafer %1").arg(s.wafer[i]);
  if (!s.site[i].empty()) text += QObject::tr(" / site %1").arg(QString::fromStdString(s.site[i]));
  if (s.time[i])
    text += "\n" + QDateTime::fromMSecsSinceEpoch(s.time[i], Qt::UTC).toString("yyyy-MM-dd hh:mm:ss 'UTC'");
  text += "\n" + QString::fromStdString(s.parameter) + " = " +
          (std::isnan(s.value[i]) ? QObject::tr("no value") : QString::number(s.value[i], 'g', 8)) + " " +
          QString::fromStdString(s.unit);
  if (!s.tool[i].empty()) text += "\n" + QObject::tr("tool %1").arg(QString::fromStdString(s.tool[i]));
  return text;
}

}  // namespace fab::ui

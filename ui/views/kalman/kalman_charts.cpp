#include "ui/views/kalman/kalman_charts.h"

#include <QObject>

#include <cmath>

namespace fab::ui::kalman {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// Tick labels name the lot of the point at a whole x.
std::function<QString(double)> lotFormatter(const MeanSeries& s) {
  auto lots = std::make_shared<std::vector<std::string>>(s.lot);
  return [lots](double x) {
    const double i = std::round(x);
    if (std::abs(x - i) > 1e-9 || i < 1 || i > static_cast<double>(lots->size())) return QString();
    return QString::fromStdString((*lots)[static_cast<std::size_t>(i) - 1]);
  };
}

chart::Series line(const QString& name, QColor colour, const std::vector<double>& y) {
  chart::Series s;
  s.name = name;
  s.color = colour;
  s.drawMarkers = false;
  for (std::size_t i = 0; i < y.size(); ++i) s.points.push_back({double(i + 1), y[i], static_cast<std::int64_t>(i)});
  return s;
}

QString levelName(const MeanSeries& s) {
  return s.level == MeanLevel::Wafer ? QObject::tr("wafer means") : QObject::tr("lot means");
}

}  // namespace

std::shared_ptr<chart::ChartModel> levelChart(const KalmanAnalysis& a) {
  const auto& s = a.series;
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("%1 – %2, local-level model").arg(q(s.parameter), levelName(s));
  m->yAxis.label = q(s.parameter) + (s.unit.empty() ? QString() : " [" + q(s.unit) + "]");
  m->xAxis.label = QObject::tr("lot (time order)");
  m->xAxis.format = lotFormatter(s);
  chart::Series raw;
  raw.name = levelName(s);
  raw.color = QColor(120, 120, 120);
  raw.drawLine = false;
  raw.markerRadius = 2.5;
  for (std::size_t i = 0; i < s.size(); ++i)
    raw.points.push_back({double(i + 1), s.value[i], static_cast<std::int64_t>(i)});
  std::vector<double> upper(s.size()), lower(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    upper[i] = a.smoothed[i] + 2 * a.smoothedSd[i];
    lower[i] = a.smoothed[i] - 2 * a.smoothedSd[i];
  }
  for (const auto& an : a.anomalies.anomalies) {
    const auto t = static_cast<std::size_t>(an.step);
    if (an.kind == fab::kalman::AnomalyKind::Outlier) {
      raw.points[t].flags |= chart::kFlagViolation;
    } else {
      // Unlabelled: shifts can lie close together; the flag list and tooltips name the lot.
      m->phases.push_back({double(t) + 0.5, QString()});
    }
  }
  m->series.push_back(std::move(raw));
  m->series.push_back(line(QObject::tr("filtered level"), QColor(31, 119, 180), a.filtered));
  m->series.push_back(line(QObject::tr("smoothed level"), QColor(214, 39, 40), a.smoothed));
  m->series.push_back(line(QObject::tr("smoothed ± 2σ"), QColor(240, 160, 160), upper));
  auto low = line(QString(), QColor(240, 160, 160), lower);
  m->series.push_back(std::move(low));
  return m;
}

std::shared_ptr<chart::ChartModel> innovationChart(const KalmanAnalysis& a) {
  const auto& s = a.series;
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Standardised innovations v/√F (N(0, 1) under the model)");
  m->xAxis.label = QObject::tr("lot (time order)");
  m->xAxis.format = lotFormatter(s);
  m->legend = false;
  chart::Series e;
  e.name = QObject::tr("innovation");
  e.color = QColor(31, 119, 180);
  e.markerRadius = 2.5;
  for (std::size_t i = 0; i < s.size(); ++i) {
    chart::ChartPoint p{double(i + 1), a.innovation[i], static_cast<std::int64_t>(i)};
    if (std::abs(a.innovation[i]) > 3) p.flags |= chart::kFlagViolation;
    e.points.push_back(p);
  }
  const double x0 = 0.5, x1 = double(s.size()) + 0.5;
  m->limits.push_back(chart::StepLine::constant(QString(), x0, x1, 3));
  m->limits.push_back(chart::StepLine::constant(QString(), x0, x1, -3));
  m->limits.push_back(chart::StepLine::constant(QString(), x0, x1, 2, QColor(255, 127, 14), Qt::DotLine));
  m->limits.push_back(chart::StepLine::constant(QString(), x0, x1, -2, QColor(255, 127, 14), Qt::DotLine));
  m->limits.push_back(chart::StepLine::constant(QString(), x0, x1, 0, Qt::darkGreen, Qt::SolidLine));
  m->series.push_back(std::move(e));
  return m;
}

std::shared_ptr<chart::ChartModel> r2rChart(const KalmanAnalysis& a, const fab::kalman::R2rResult& r, double target) {
  const auto& s = a.series;
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Run-to-run replay: %1").arg(q(r.stability.condition));
  m->xAxis.label = QObject::tr("run (lot, time order)");
  m->xAxis.format = lotFormatter(s);
  m->yAxis.label = q(s.parameter);
  auto open = line(QObject::tr("open loop (measured)"), QColor(170, 170, 170), s.value);
  auto out =
      line(QObject::tr("controlled output"), r.stability.stable ? QColor(31, 119, 180) : QColor(214, 39, 40), r.output);
  out.drawMarkers = true;
  out.markerRadius = 2;
  m->series.push_back(std::move(open));
  m->series.push_back(std::move(out));
  m->limits.push_back(chart::StepLine::constant(QObject::tr("target"), 0.5, double(s.size()) + 0.5, target,
                                                Qt::darkGreen, Qt::SolidLine));
  return m;
}

}  // namespace fab::ui::kalman

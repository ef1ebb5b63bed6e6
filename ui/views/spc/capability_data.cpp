#include "ui/views/spc/capability_data.h"

#include <QObject>

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "core/common/error.h"

namespace fab::ui {

std::shared_ptr<chart::HistogramModel> buildHistogram(const std::vector<double>& values,
                                                      const spc::CapabilityResult& cap, const QString& title,
                                                      const QString& axisLabel) {
  auto m = std::make_shared<chart::HistogramModel>();
  m->title = title;
  m->xAxis.label = axisLabel;
  // Four significant digits keep tick labels short on any scale (Box-Cox λ < 0 gives tiny numbers).
  m->xAxis.format = [](double x) { return QString::number(x, 'g', 4); };
  std::vector<double> v;
  for (double x : values)
    if (std::isfinite(x)) v.push_back(x);
  if (v.empty()) return m;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  const std::size_t bins = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(std::sqrt(v.size()))), 10, 60);
  const double width = *hi > *lo ? (*hi - *lo) / static_cast<double>(bins) : 1.0;
  for (std::size_t b = 0; b <= bins; ++b) m->edges.push_back(*lo + width * static_cast<double>(b));
  m->counts.assign(bins, 0.0);
  for (double x : v) m->counts[std::min(bins - 1, static_cast<std::size_t>((x - *lo) / width))] += 1;

  // The x extent of the curves: the data and every spec line, with a margin.
  double x0 = *lo, x1 = *hi;
  for (const auto& s : {cap.spec.lsl, cap.spec.target, cap.spec.usl})
    if (s) x0 = std::min(x0, *s), x1 = std::max(x1, *s);
  const double pad = 0.05 * (x1 - x0 + width);
  x0 -= pad, x1 += pad;
  auto curve = [&](double sigma, const QString& name, QColor color) {
    if (!(sigma > 0) || !std::isfinite(cap.mean)) return;
    const boost::math::normal_distribution<double> normal(cap.mean, sigma);
    chart::HistogramModel::Curve c;
    c.name = name;
    c.color = color;
    constexpr int kSteps = 200;
    for (int i = 0; i <= kSteps; ++i) {
      const double x = x0 + (x1 - x0) * i / kSteps;
      c.x.push_back(x);
      c.y.push_back(boost::math::pdf(normal, x) * static_cast<double>(v.size()) * width);  // density → counts
    }
    m->curves.push_back(std::move(c));
  };
  curve(cap.sigmaOverall, QObject::tr("normal, σ overall"), QColor(30, 30, 30));
  curve(cap.sigmaWithin, QObject::tr("normal, σ within"), QColor(255, 127, 14));
  auto line = [&](const char* name, const std::optional<double>& x, QColor color, Qt::PenStyle style) {
    if (x && std::isfinite(*x)) m->lines.push_back({*x, QString("%1 %2").arg(name).arg(*x, 0, 'g', 5), color, style});
  };
  line("LSL", cap.spec.lsl, QColor(214, 39, 40), Qt::DashLine);
  line("target", cap.spec.target, QColor(44, 140, 44), Qt::SolidLine);
  line("USL", cap.spec.usl, QColor(214, 39, 40), Qt::DashLine);
  return m;
}

analysis::CapabilityRequest analysisRequest(const CapabilityRequest& r) {
  analysis::CapabilityRequest a;
  a.chart.parameter = r.parameter;
  a.chart.product = r.product;
  a.confidence = r.confidence;
  a.boxCox = r.boxCox;
  if (r.subgroup == "individuals") {
    a.chart.chart = spc::ChartType::IndividualsMR;
  } else if (!r.subgroup.empty()) {
    a.chart.chart = spc::ChartType::XbarR;
    a.chart.subgroup = r.subgroup;
  }
  return a;
}

CapabilityData computeCapability(store::Database& db, const CapabilityRequest& request) {
  auto c = analysis::capability(db, analysisRequest(request));
  CapabilityData d;
  d.request = request;
  d.product = c.chart.product;
  d.unit = c.chart.series->unit;
  d.specSource = c.specSource;
  d.valuesNote = c.valuesNote;
  d.spec = c.spec;
  if (c.boxCoxLambda) d.boxCox = c.boxCoxFit ? *c.boxCoxFit : spc::BoxCoxFit{*c.boxCoxLambda, 0};
  d.capability = std::move(c.result);
  d.values = d.capability.n;
  d.normality = c.normality;
  d.normalityError = c.normalityNote;
  const QString name = QString::fromStdString(request.parameter);
  const QString unit = QString::fromStdString(d.unit);
  QString axis = unit.isEmpty() ? name : name + " [" + unit + "]";
  if (d.boxCox) axis = QObject::tr("Box-Cox λ = %1 of %2").arg(d.boxCox->lambda, 0, 'f', 2).arg(axis);
  d.histogram =
      buildHistogram(c.values, d.capability, QObject::tr("%1 – capability, %2 values").arg(name).arg(d.values), axis);
  return d;
}

}  // namespace fab::ui

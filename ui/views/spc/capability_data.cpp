#include "ui/views/spc/capability_data.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>

#include <boost/math/distributions/normal.hpp>

#include "core/common/error.h"
#include "core/spc/control_chart.h"
#include "core/store/measurements.h"

namespace fab::ui {
namespace {

std::string mostRowsProduct(const store::MeasurementSeries& s) {
  std::map<std::string, std::size_t> counts;
  for (const auto& p : s.product) ++counts[p];
  std::string best;
  std::size_t most = 0;
  for (const auto& [name, n] : counts)
    if (n > most) most = n, best = name;
  return best;
}

/// σ within from the chart the engineer would use: MR̄/d2 for individuals,
/// R̄/d2 for subgroups (Montgomery §8.3).
std::pair<double, std::string> sigmaWithin(const std::vector<double>& values, const store::MeasurementSeries& s,
                                           const std::string& subgroup) {
  spc::ChartOptions o;
  o.rules = spc::RuleSelection::none();
  std::optional<spc::Subgroups> groups;
  if (!subgroup.empty()) {
    std::vector<std::string> keys(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
      keys[i] = subgroup == "lot" ? s.lot[i] : s.lot[i] + "/" + std::to_string(s.wafer[i]);
    groups = spc::subgroupsByKey(keys);
    o.type = spc::ChartType::XbarR;
  }
  const auto chart = spc::computeVariablesChart(values, groups ? &*groups : nullptr, o);
  const auto& e = chart.phases.at(0).estimate;
  return {e.sigma, e.sigmaMethod};
}

}  // namespace

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

CapabilityData computeCapability(store::Database& db, const CapabilityRequest& request) {
  CapabilityData d;
  d.request = request;
  const auto s = store::loadMeasurements(db, request.parameter);
  d.product = mostRowsProduct(s);
  d.unit = s.unit;
  const auto spec = store::specInForce(db, request.parameter, d.product);
  if (!spec || (!spec->lsl && !spec->usl))
    throw Error("parameter " + request.parameter + " has no spec limits: import a spec file to see its capability");
  d.spec = {spec->lsl, spec->target, spec->usl};
  std::vector<double> values = s.value;
  spc::SpecLimits used = d.spec;
  std::vector<std::string> notes;
  if (request.boxCox) {
    d.boxCox = spc::fitBoxCox(values);
    auto t = spc::applyBoxCox(values, d.spec, d.boxCox->lambda);
    values = std::move(t.values);
    used = t.spec;
    notes = t.notes;
  }
  for (double x : values) d.values += std::isfinite(x);
  const auto [sigma, method] = sigmaWithin(values, s, request.subgroup);
  spc::CapabilityOptions o;
  o.spec = used;
  o.confidence = request.confidence;
  d.capability = spc::capability(values, sigma, method, o);
  d.capability.notes.insert(d.capability.notes.end(), notes.begin(), notes.end());
  try {
    d.normality = spc::andersonDarling(values);
  } catch (const Error& e) {
    d.normalityError = e.what();
  }
  const QString name = QString::fromStdString(request.parameter);
  const QString unit = QString::fromStdString(d.unit);
  QString axis = unit.isEmpty() ? name : name + " [" + unit + "]";
  if (d.boxCox) axis = QObject::tr("Box-Cox λ = %1 of %2").arg(d.boxCox->lambda, 0, 'f', 2).arg(axis);
  d.histogram =
      buildHistogram(values, d.capability, QObject::tr("%1 – capability, %2 values").arg(name).arg(d.values), axis);
  return d;
}

}  // namespace fab::ui

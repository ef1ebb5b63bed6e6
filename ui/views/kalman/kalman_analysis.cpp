#include "ui/views/kalman/kalman_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "core/common/error.h"
#include "core/kalman/local_level_fast.h"
#include "core/store/measurements.h"

namespace fab::ui::kalman {

std::string MeanSeries::label(std::size_t i) const {
  return "lot " + lot[i] + (wafer[i] > 0 ? " wafer " + std::to_string(wafer[i]) : std::string());
}

MeanSeries loadMeanSeries(store::Database& db, const std::string& parameter, MeanLevel level) {
  const auto m = store::loadMeasurements(db, parameter);
  struct Acc {
    double sum = 0;
    int n = 0;
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
  };
  std::map<std::pair<std::string, int>, Acc> groups;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (std::isnan(m.value[i])) continue;
    auto& a = groups[{m.lot[i], level == MeanLevel::Wafer ? m.wafer[i] : 0}];
    a.sum += m.value[i];
    ++a.n;
    a.first = std::min(a.first, m.time[i]);
  }
  if (groups.empty()) throw Error("parameter " + parameter + " has no measured value");
  std::vector<std::pair<std::pair<std::string, int>, Acc>> ordered(groups.begin(), groups.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
  MeanSeries s;
  s.parameter = parameter;
  s.unit = m.unit;
  s.level = level;
  for (const auto& [key, a] : ordered) {
    s.lot.push_back(key.first);
    s.wafer.push_back(key.second);
    s.time.push_back(a.first);
    s.value.push_back(a.sum / a.n);
    s.sites.push_back(a.n);
  }
  return s;
}

KalmanAnalysis analyseLocalLevel(MeanSeries series, const Feedback& feedback) {
  using namespace fab::kalman;
  KalmanAnalysis out;
  const std::span<const double> y(series.value);
  feedback.report(0.05, "fitting the variances");
  out.fit = fitVariances(StructuralModel{}, y, Eigen::VectorXd(), {}, &feedback);
  feedback.report(0.8, "filtering and smoothing");
  const LocalLevelVariances v{out.fit.model.observationVariance, out.fit.model.levelVariance};
  const FilterResult f = localLevelFilter(y, v);
  const SmootherResult sm = localLevelSmoother(f, v);
  const std::size_t n = series.size();
  const Eigen::MatrixXd e = standardisedInnovations(f);
  for (std::size_t t = 0; t < n; ++t) {
    const auto i = static_cast<Eigen::Index>(t);
    out.filtered.push_back(f.filteredState(0, i));
    // During the diffuse start the filtered variance is the proper part only: show no band there.
    out.filteredSd.push_back(i < f.diffuseSteps ? std::numeric_limits<double>::quiet_NaN()
                                                : std::sqrt(std::max(0.0, f.filteredVarianceAt(i)(0, 0))));
    out.smoothed.push_back(sm.state(0, i));
    out.smoothedSd.push_back(std::sqrt(std::max(0.0, sm.varianceAt(i)(0, 0))));
    out.innovation.push_back(e(0, i));
  }
  out.anomalies = flagAnomalies(sm);
  out.nis = nisTest(f);
  out.signalToNoise = v.observation > 0 ? v.level / v.observation : std::numeric_limits<double>::infinity();
  out.ewmaLambda = ewmaWeight(out.signalToNoise);
  out.series = std::move(series);
  feedback.report(1.0, "done");
  return out;
}

}  // namespace fab::ui::kalman

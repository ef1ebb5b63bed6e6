#include "core/analysis/parameter_level.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/common/error.h"
#include "core/store/measurements.h"

namespace fab::analysis {

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

kalman::LevelAnalysis fitParameterLevel(const MeanSeries& series, double familywiseAlpha, const Feedback* feedback) {
  kalman::LevelAnalysisRequest request;  // local level, variances fitted
  request.fit = true;
  request.familywiseAlpha = familywiseAlpha;
  return kalman::analyseLevel(series.value, Eigen::VectorXd(), request, feedback);
}

ParameterLevel parameterLevel(MeanSeries series, const Feedback& feedback) {
  const auto a = fitParameterLevel(series, 0.05, &feedback);
  ParameterLevel out;
  out.fit = *a.fitted;
  const std::size_t n = series.size();
  out.filtered.reserve(n);
  a.forEachStep([&](const kalman::LevelStep& s) {
    out.filtered.push_back(s.filtered);
    out.filteredSd.push_back(s.filteredSd);
    out.smoothed.push_back(s.smoothed);
    out.smoothedSd.push_back(s.smoothedSd);
    out.innovation.push_back(s.innovationStd);
  });
  out.anomalies = a.flags;
  out.nis = a.nis;
  out.signalToNoise = a.signalToNoise;
  out.ewmaLambda = a.ewmaLambda.value_or(std::numeric_limits<double>::quiet_NaN());
  out.logLikelihood = a.logLikelihood;
  out.series = std::move(series);
  return out;
}

ParameterLevel parameterLevel(store::Database& db, const std::string& parameter, MeanLevel level,
                              const Feedback& feedback) {
  return parameterLevel(loadMeanSeries(db, parameter, level), feedback);
}

}  // namespace fab::analysis

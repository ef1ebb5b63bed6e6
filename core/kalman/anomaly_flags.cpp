#include "core/kalman/anomaly_flags.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::kalman {

void AnomalyOptions::validate() const {
  if (!(familywiseAlpha > 0) || !(familywiseAlpha < 1))
    throw Error("anomaly flags: the false-alarm probability α must be in (0, 1)");
  if (levelDisturbance < 0) throw Error("anomaly flags: the level disturbance index must be ≥ 0");
  if (mergeGap < 0) throw Error("anomaly flags: the merge gap must be ≥ 0 steps");
}

const char* anomalyKindName(AnomalyKind kind) { return kind == AnomalyKind::Outlier ? "outlier" : "level shift"; }

double bonferroniThreshold(double alpha, Eigen::Index tests) {
  if (tests <= 0) return std::numeric_limits<double>::infinity();
  const boost::math::normal normal;
  return boost::math::quantile(boost::math::complement(normal, alpha / (2.0 * static_cast<double>(tests))));
}

AnomalyScan::AnomalyScan(const AnomalyOptions& options, Eigen::Index outlierTests, Eigen::Index shiftTests)
    : options_(options) {
  options_.validate();
  report_.outlierTests = outlierTests;
  report_.shiftTests = shiftTests;
  report_.outlierThreshold = bonferroniThreshold(options_.familywiseAlpha, outlierTests);
  report_.shiftThreshold = bonferroniThreshold(options_.familywiseAlpha, shiftTests);
}

void AnomalyScan::extend(std::vector<Anomaly>& runs, AnomalyKind kind, Eigen::Index t, double r, double threshold,
                         Eigen::Index& points) {
  if (!(std::isfinite(r) && std::abs(r) > threshold)) return;
  ++points;
  if (!runs.empty() && t - runs.back().lastStep <= options_.mergeGap + 1) {
    auto& run = runs.back();
    run.lastStep = t;
    if (std::abs(r) > std::abs(run.residual)) run.step = t, run.residual = r;
  } else {
    runs.push_back({kind, t, r, t, t});
  }
}

void AnomalyScan::add(Eigen::Index t, double outlierResidual, double shiftResidual) {
  extend(shifts_, AnomalyKind::LevelShift, t, shiftResidual, report_.shiftThreshold, report_.shiftPoints);
  extend(outliers_, AnomalyKind::Outlier, t, outlierResidual, report_.outlierThreshold, report_.outlierPoints);
}

AnomalyReport AnomalyScan::finish() const {
  AnomalyReport out = report_;
  out.anomalies = shifts_;
  for (const auto& o : outliers_) {
    const bool explained = std::any_of(shifts_.begin(), shifts_.end(), [&](const Anomaly& sh) {
      return o.lastStep >= sh.firstStep - options_.mergeGap - 1 && o.firstStep <= sh.lastStep + options_.mergeGap + 1;
    });
    if (!explained) out.anomalies.push_back(o);
  }
  std::stable_sort(out.anomalies.begin(), out.anomalies.end(),
                   [](const Anomaly& a, const Anomaly& b) { return a.step < b.step; });
  return out;
}

AnomalyReport flagAnomalies(const SmootherResult& s, const AnomalyOptions& options) {
  options.validate();
  const Eigen::Index n = s.observationAuxiliary.cols();
  const bool hasLevel = options.levelDisturbance < s.stateAuxiliary.rows();
  auto finite = [](auto row) {
    return static_cast<Eigen::Index>(row.unaryExpr([](double x) { return std::isfinite(x) ? 1.0 : 0.0; }).sum());
  };
  const Eigen::Index outlierTests = s.observationAuxiliary.rows() > 0 ? finite(s.observationAuxiliary.row(0)) : 0;
  const Eigen::Index shiftTests = hasLevel ? finite(s.stateAuxiliary.row(options.levelDisturbance)) : 0;
  AnomalyScan scan(options, outlierTests, shiftTests);
  // A level shift at t + 1 comes from η_t.
  for (Eigen::Index t = 0; t < n; ++t)
    scan.add(t, s.observationAuxiliary(0, t),
             hasLevel && t >= 1 ? s.stateAuxiliary(options.levelDisturbance, t - 1) : std::nan(""));
  return scan.finish();
}

}  // namespace fab::kalman

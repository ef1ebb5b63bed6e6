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

AnomalyReport flagAnomalies(const SmootherResult& s, const AnomalyOptions& options) {
  options.validate();
  AnomalyReport out;
  const Eigen::Index n = s.observationAuxiliary.cols();
  const bool hasLevel = options.levelDisturbance < s.stateAuxiliary.rows();
  auto finite = [](auto row) {
    return static_cast<Eigen::Index>(row.unaryExpr([](double x) { return std::isfinite(x) ? 1.0 : 0.0; }).sum());
  };
  out.outlierTests = s.observationAuxiliary.rows() > 0 ? finite(s.observationAuxiliary.row(0)) : 0;
  out.shiftTests = hasLevel ? finite(s.stateAuxiliary.row(options.levelDisturbance)) : 0;
  out.outlierThreshold = bonferroniThreshold(options.familywiseAlpha, out.outlierTests);
  out.shiftThreshold = bonferroniThreshold(options.familywiseAlpha, out.shiftTests);
  // Residual of each kind at each step (a level shift at t + 1 comes from η_t).
  auto residualAt = [&](AnomalyKind kind, Eigen::Index t) {
    if (kind == AnomalyKind::Outlier) return s.observationAuxiliary(0, t);
    return hasLevel && t >= 1 ? s.stateAuxiliary(options.levelDisturbance, t - 1) : std::nan("");
  };
  auto runsOf = [&](AnomalyKind kind, double threshold, Eigen::Index& points) {
    std::vector<Anomaly> runs;
    for (Eigen::Index t = 0; t < n; ++t) {
      const double r = residualAt(kind, t);
      if (!(std::isfinite(r) && std::abs(r) > threshold)) continue;
      ++points;
      if (!runs.empty() && t - runs.back().lastStep <= options.mergeGap + 1) {
        auto& run = runs.back();
        run.lastStep = t;
        if (std::abs(r) > std::abs(run.residual)) run.step = t, run.residual = r;
      } else {
        runs.push_back({kind, t, r, t, t});
      }
    }
    return runs;
  };
  const auto shifts = runsOf(AnomalyKind::LevelShift, out.shiftThreshold, out.shiftPoints);
  const auto outliers = runsOf(AnomalyKind::Outlier, out.outlierThreshold, out.outlierPoints);
  out.anomalies = shifts;
  for (const auto& o : outliers) {
    const bool explained = std::any_of(shifts.begin(), shifts.end(), [&](const Anomaly& sh) {
      return o.lastStep >= sh.firstStep - options.mergeGap - 1 && o.firstStep <= sh.lastStep + options.mergeGap + 1;
    });
    if (!explained) out.anomalies.push_back(o);
  }
  std::stable_sort(out.anomalies.begin(), out.anomalies.end(),
                   [](const Anomaly& a, const Anomaly& b) { return a.step < b.step; });
  return out;
}

}  // namespace fab::kalman

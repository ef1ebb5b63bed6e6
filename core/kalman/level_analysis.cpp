#include "core/kalman/level_analysis.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Z_t x and Z_t V Z_t': the signal of step t and its variance.
double signal(const StateSpaceModel& m, Eigen::Index t, const Eigen::Ref<const Eigen::VectorXd>& x) {
  return m.Z.at(t).row(0).dot(x);
}
double signalVariance(const StateSpaceModel& m, Eigen::Index t, const Eigen::Ref<const Eigen::MatrixXd>& V) {
  const auto z = m.Z.at(t).row(0);
  return z * V * z.transpose();
}

}  // namespace

void LevelAnalysis::forEachStep(const std::function<void(const LevelStep&)>& visit) const {
  if (scalar_) return scalar_->forEachStep(visit);
  const FilterResult& f = filter_;
  const SmootherResult& s = smoother_;
  const StateSpaceModel& model = stateSpace_;
  LevelStep step;
  for (Eigen::Index t = 0; t < f.steps; ++t) {
    const Eigen::Map<const Eigen::MatrixXd> Pf(f.filteredVariance.col(t).data(), f.stateDim, f.stateDim);
    double filtVar = signalVariance(model, t, Pf);
    if (t < f.diffuseSteps) {
      const Eigen::Map<const Eigen::MatrixXd> Pinf(f.diffuseFilteredVariance.col(t).data(), f.stateDim, f.stateDim);
      if (signalVariance(model, t, Pinf) > 1e-9) filtVar = kNaN;  // still diffuse: unbounded
    }
    step.step = t;
    step.value = y_[static_cast<std::size_t>(t)];
    step.filtered = std::isnan(filtVar) ? kNaN : signal(model, t, f.filteredState.col(t));
    step.filteredSd = std::sqrt(filtVar);
    step.smoothed = signal(model, t, s.state.col(t));
    step.smoothedSd = std::sqrt(std::max(0.0, signalVariance(model, t, s.varianceAt(t))));
    step.innovationStd = innovationStd_(0, t);
    step.outlierResidual = s.observationAuxiliary(0, t);
    step.shiftResidual = t > 0 ? s.stateAuxiliary(0, t - 1) : kNaN;
    visit(step);
  }
}

LevelAnalysis analyseLevel(std::vector<double> y, const Eigen::VectorXd& elapsed, const LevelAnalysisRequest& request,
                           const Feedback* feedback) {
  const auto n = static_cast<Eigen::Index>(y.size());
  if (n == 0) throw Error("the series has no value");
  LevelAnalysis out;
  out.rows = n;
  StructuralModel sm = request.model;
  if (request.fit) {
    out.fitted = fitVariances(sm, y, elapsed, {}, feedback);
    sm = out.fitted->model;
  }
  out.model = sm;
  const StateSpaceModel model = toStateSpace(sm, n, elapsed);
  const bool scalar = sm.trend == Trend::LocalLevel && !sm.interventionStep;
  if (scalar) {
    std::vector<double> dt(elapsed.data(), elapsed.data() + elapsed.size());
    out.scalar_.emplace(std::move(y), LocalLevelVariances{sm.observationVariance, sm.levelVariance}, std::move(dt),
                        feedback);
    out.logLikelihood = out.scalar_->logLikelihood();
    out.observations = out.scalar_->observations();
    out.diffuseObservations = out.observations > 0 ? 1 : 0;
    out.warnings = out.scalar_->warnings();
    // Two passes over the steps: the counts behind the NIS test and the Bonferroni bounds, then the flags.
    double nis = 0;
    Eigen::Index nisTerms = 0, outlierTests = 0, shiftTests = 0;
    out.scalar_->forEachStep([&](const LevelStep& s) {
      if (std::isfinite(s.innovationStd)) nis += s.innovationStd * s.innovationStd, ++nisTerms;
      outlierTests += std::isfinite(s.outlierResidual) ? 1 : 0;
      shiftTests += std::isfinite(s.shiftResidual) ? 1 : 0;
    });
    out.nis = nisTest(nis, nisTerms);
    AnomalyOptions flagOptions;
    flagOptions.familywiseAlpha = request.familywiseAlpha;
    AnomalyScan scan(flagOptions, outlierTests, shiftTests);
    out.scalar_->forEachStep([&](const LevelStep& s) { scan.add(s.step, s.outlierResidual, s.shiftResidual); });
    out.flags = scan.finish();
  } else {
    out.filter_ = kalmanFilter(model, y, feedback);
    out.smoother_ = kalmanSmoother(model, out.filter_, feedback);
    out.y_ = std::move(y);
    out.innovationStd_ = standardisedInnovations(out.filter_);
    out.logLikelihood = out.filter_.logLikelihood;
    out.observations = out.filter_.observations;
    out.diffuseObservations = out.filter_.diffuseObservations;
    out.warnings = out.filter_.warnings;
    out.nis = nisTest(out.filter_);
    AnomalyOptions flagOptions;
    flagOptions.familywiseAlpha = request.familywiseAlpha;
    out.flags = flagAnomalies(out.smoother_, flagOptions);
    if (sm.interventionStep) {
      const Eigen::Index k = sm.interventionStateIndex();
      out.intervention = InterventionEffect{*sm.interventionStep, out.smoother_.state(k, n - 1),
                                            std::sqrt(out.smoother_.varianceAt(n - 1)(k, k))};
    }
  }
  if (out.fitted) out.warnings.insert(out.warnings.end(), out.fitted->warnings.begin(), out.fitted->warnings.end());
  out.signalToNoise = sm.observationVariance > 0 ? sm.levelVariance / sm.observationVariance : kNaN;
  if (sm.trend == Trend::LocalLevel && std::isfinite(out.signalToNoise)) out.ewmaLambda = ewmaWeight(out.signalToNoise);
  if (!sm.interventionStep && elapsed.size() == 0 && sm.observationVariance > 0) {
    const auto ss = steadyState(model);
    if (ss.converged) out.steadyStateGain = ss.gain(0, 0);
  }
  if (!scalar) out.stateSpace_ = model;
  return out;
}

Eigen::Index stepAtOrAfter(std::span<const double> times, double time) {
  for (std::size_t r = 0; r < times.size(); ++r)
    if (times[r] >= time) return static_cast<Eigen::Index>(r);
  std::ostringstream text;
  text << "the intervention time " << time << " is after the last row's";
  if (!times.empty()) text << " (" << times.back() << ")";
  throw Error(text.str());
}

}  // namespace fab::kalman

#include "core/kalman/step_intervention.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"

namespace fab::kalman {

void StepInterventionOptions::validate() const {
  if (!(confidence > 0) || !(confidence < 1)) throw Error("step intervention: the confidence level must be in (0, 1)");
  fit.validate();
}

StepIntervention estimateStepIntervention(std::span<const double> y, Eigen::Index step,
                                          const StepInterventionOptions& options, const Feedback* feedback) {
  options.validate();
  const auto n = static_cast<Eigen::Index>(y.size());
  if (step < 1 || step >= n)
    throw Error("step intervention: the change must fall after the first value and at or before the last (step " +
                std::to_string(step + 1) + " of " + std::to_string(n) + ")");
  StructuralModel start;
  start.interventionStep = step;
  StepIntervention out;
  out.step = step;
  out.confidence = options.confidence;
  out.fit = fitVariances(start, y, Eigen::VectorXd(), options.fit, feedback);

  // The filter's estimate of the constant δ after the last observation is its
  // estimate given all the data (the smoother would return the same).
  const StateSpaceModel model = toStateSpace(out.fit.model, n);
  const FilterResult f = kalmanFilter(model, y);
  if (f.diffuseSteps >= n)
    throw Error("step intervention: the series ends before the step and the level can be told apart");
  const Eigen::Index k = out.fit.model.interventionStateIndex();
  out.effect = f.filteredState(k, n - 1);
  out.standardError = std::sqrt(f.filteredVarianceAt(n - 1)(k, k));
  const boost::math::normal normal;
  out.z = out.standardError > 0 ? out.effect / out.standardError : (out.effect == 0 ? 0.0 : std::numeric_limits<double>::infinity());
  out.pValue = 2 * boost::math::cdf(boost::math::complement(normal, std::fabs(out.z)));
  const double q = boost::math::quantile(boost::math::complement(normal, (1 - options.confidence) / 2));
  out.lower = out.effect - q * out.standardError;
  out.upper = out.effect + q * out.standardError;
  return out;
}

}  // namespace fab::kalman

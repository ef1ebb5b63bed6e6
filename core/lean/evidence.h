#pragma once
// A kaizen's evidence: did the parameter improve in the intended direction
// after the change? Computed from the data, never typed in.
//
// The mean shift is judged two ways: Welch's t-test, which treats the values
// as independent, and a Kalman level model (local level or AR(1) level, the
// one with the lower AIC) with a step intervention at the change
// (core/kalman/step_intervention.h), whose standard error allows for a level
// that moves. Which one to trust is decided from the serial
// correlation of the values before the change (Ljung–Box): when they are
// positively autocorrelated the t-test's standard error is too small and its
// p-value overconfident, so the intervention estimate is the recommended one,
// and the gate of a mean-direction kaizen uses it. (Negative correlation makes
// the t-test conservative; it is kept.)
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/kalman/step_intervention.h"
#include "core/lean/before_after.h"
#include "core/lean/experimental_unit.h"
#include "core/lean/kaizen.h"
#include "core/lean/serial_correlation.h"
#include "core/spc/capability.h"
#include "core/spc/chart_types.h"

namespace fab::lean {

struct EvidenceOptions {
  Direction intended = Direction::LowerSpread;
  double alpha = 0.05;   ///< significance level of the tests (and of the serial-correlation check)
  spc::SpecLimits spec;  ///< when set, Cpk before and after are computed
};

/// Values already reduced to one per wafer (site values within a wafer are
/// correlated, so testing sites as independent would overstate the evidence),
/// each marked before or after the change, in time order.
struct EvidenceInput {
  std::vector<double> values;
  std::vector<bool> after;
  std::string splitBasis;  ///< how before/after was decided, shown to the user
  /// Optional, one per value (or empty): where each value comes from, for the
  /// chart's tooltips.
  std::vector<std::string> lot;  ///< also groups the values into lots for the mean-shift test
  std::vector<int> wafer;
  std::vector<std::int64_t> time;  ///< ms since 1970 UTC
  std::string parameter, unit;
  std::string changeLabel;  ///< names the change on the chart ("change 2026-10-01 00:00")
};

enum class MeanEstimate { Welch, KalmanIntervention };
std::string_view meanEstimateName(MeanEstimate m);  ///< "welch", "kalman_intervention"

/// Points of one phase of the phase-split chart beyond its own control limits (rule 1).
struct PhaseOutOfControl {
  std::size_t points = 0, beyond = 0;
  double rate = 0;  ///< beyond / points
};

/// The mean shift (after − before) by the recommended method.
struct MeanShift {
  MeanEstimate method = MeanEstimate::Welch;
  double difference = 0, lower = 0, upper = 0, pValue = 1;
};

struct KaizenEvidence {
  std::string splitBasis;
  /// Input index of each point in phase order: every before value, then every
  /// after value, each in time order (a lot measured out of order across the
  /// change keeps its phase). Points [0, changePoint) are before.
  std::vector<std::size_t> order;
  std::size_t changePoint = 0;
  /// Wafer means of each side (what the spread test, Cpk and the phase chart use).
  SampleSummary waferBefore, waferAfter;
  /// The units of the mean-shift test: lot means for a mean-direction kaizen with
  /// several wafers per lot, else the wafer means themselves.
  MeanUnits units;
  /// Welch's test on `units`.
  WelchTest mean;
  /// Brown–Forsythe on the wafer means.
  VarianceTest spread;
  /// Capability of each side's wafer means (σ within from MR̄/d2 of consecutive
  /// wafer means, the individuals-chart convention); set when a spec is given.
  std::optional<spc::CapabilityResult> capabilityBefore, capabilityAfter;
  /// Individuals chart of the values in phase order, split at the change:
  /// each phase with its own centre line and limits (phase I = the phase).
  spc::ChartResult phaseChart;
  PhaseOutOfControl outOfControlBefore, outOfControlAfter;
  /// Serial correlation of the units before the change (residuals from their mean).
  SerialCorrelation serial;
  /// The step-intervention estimate on the units in phase order, the step at the
  /// first after unit; nullopt when it could not be fitted (see kalmanNote).
  std::optional<kalman::StepIntervention> kalman;
  std::string kalmanNote;
  MeanEstimate recommended = MeanEstimate::Welch;
  std::string recommendation;  ///< one line: the unit, which estimate to trust, and why
  bool improvementShown = false;
  std::string verdict;  ///< one line for the user

  MeanShift recommendedShift() const;
};

KaizenEvidence computeEvidence(const EvidenceInput& input, const EvidenceOptions& options);

}  // namespace fab::lean

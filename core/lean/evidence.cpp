#include "core/lean/evidence.h"

#include <cmath>

#include "core/common/error.h"
#include "core/common/number_text.h"
#include "core/spc/constants.h"
#include "core/spc/control_chart.h"

namespace fab::lean {
namespace {
/// Capability of one side's values, σ within from the average moving range.
spc::CapabilityResult sideCapability(const std::vector<double>& values, const spc::SpecLimits& spec) {
  double mr = 0;
  for (std::size_t i = 1; i < values.size(); ++i) mr += std::fabs(values[i] - values[i - 1]);
  const double sigmaWithin = values.size() > 1 ? mr / static_cast<double>(values.size() - 1) / spc::d2(2) : 0;
  spc::CapabilityOptions options;
  options.spec = spec;
  return spc::capability(values, sigmaWithin, "MR-bar/d2 of wafer means", options);
}

/// The index to compare: Cpk for two-sided specs, else the one-sided index.
const spc::CapabilityIndex& comparedIndex(const spc::CapabilityResult& c) {
  if (c.cpk.available) return c.cpk;
  return c.cpl.available ? c.cpl : c.cpu;
}

/// The individuals chart split at the change, and each phase's share of points beyond its limits.
void phaseChart(KaizenEvidence& e, const std::vector<double>& ordered, const EvidenceInput& input) {
  spc::ChartOptions o;
  o.type = spc::ChartType::IndividualsMR;
  const std::size_t starts[] = {0, e.changePoint};
  o.phases = spc::phasesAtPoints(starts);
  o.phases[0].label = "before";
  o.phases[1].label = input.changeLabel.empty() ? "after" : "after " + input.changeLabel;
  e.phaseChart = spc::computeVariablesChart(ordered, nullptr, o);
  e.outOfControlBefore.points = e.changePoint;
  e.outOfControlAfter.points = ordered.size() - e.changePoint;
  std::uint32_t last = UINT32_MAX;
  for (const auto& v : e.phaseChart.panels.at(0).violations) {
    if (v.rule != 1 || v.point == last) continue;
    last = v.point;
    ++(v.point < e.changePoint ? e.outOfControlBefore : e.outOfControlAfter).beyond;
  }
  for (auto* p : {&e.outOfControlBefore, &e.outOfControlAfter})
    p->rate = p->points ? static_cast<double>(p->beyond) / static_cast<double>(p->points) : 0;
}

/// Serial correlation before the change decides between the t-test and the intervention model.
/// Runs on the mean-shift units (lot means or wafer means).
void chooseMeanEstimate(KaizenEvidence& e, const EvidenceOptions& options) {
  const auto& before = e.units.before;
  std::vector<double> ordered = before;
  ordered.insert(ordered.end(), e.units.after.begin(), e.units.after.end());
  e.serial = ljungBox(before, options.alpha);
  try {
    kalman::StepInterventionOptions ko;
    ko.confidence = e.mean.confidence;
    e.kalman = kalman::estimateStepIntervention(ordered, static_cast<Eigen::Index>(before.size()), ko);
  } catch (const Error& err) {
    e.kalmanNote = err.what();
  }
  const std::string stats =
      "r1 = " + significantText(e.serial.r1, 2) + ", Ljung–Box p = " + significantText(e.serial.pValue, 2);
  if (e.serial.n < 8) {
    e.recommendation = "too few values before the change (" + std::to_string(e.serial.n) +
                       ") to judge serial correlation: the Welch t-test is used";
  } else if (e.serial.autocorrelated && e.serial.r1 <= 0) {
    // Negative neighbour correlation makes the t-test's standard error too large: conservative, so kept.
    e.recommendation = "serial correlation without a positive lag-1 correlation (" + stats +
                       "): the Welch t-test is conservative here and is kept";
  } else if (!e.serial.autocorrelated) {
    e.recommendation = "no serial correlation before the change (" + stats + "): the Welch t-test holds";
  } else if (!e.kalman) {
    e.recommendation = "series autocorrelated (" + stats +
                       "), so the Welch p-value is overconfident, but the Kalman intervention could not be fitted (" +
                       e.kalmanNote + ")";
  } else {
    e.recommended = MeanEstimate::KalmanIntervention;
    e.recommendation = "series autocorrelated (" + stats + "): the Kalman intervention estimate is the one to trust";
    // The intervention estimate weighs the values near the change most; when the level moves
    // in steps (e.g. lot to lot) rather than wanders, it can disagree with the plain difference.
    const auto& k = e.kalman->best;
    if (std::fabs(k.effect - e.mean.difference) > 2 * k.standardError)
      e.recommendation += "; note: it differs from the difference of means (" + significantText(k.effect, 4) + " vs " +
                          significantText(e.mean.difference, 4) +
                          ") by more than 2 standard errors, so the model reads part of the shift as a moving "
                          "level: check the chart";
  }
  const bool lots = e.units.kind == MeanUnitKind::Lot;
  if (!e.units.note.empty()) e.recommendation = e.units.note + "; " + e.recommendation;
  // The wafer-mean serial correlation also undermines the variance test (on wafer means).
  if (!lots && e.serial.autocorrelated && e.serial.r1 > 0)
    e.recommendation +=
        " (the Brown–Forsythe variance test treats the values as independent too: its p-value is "
        "optimistic)";
}

}  // namespace

std::string_view meanEstimateName(MeanEstimate m) { return m == MeanEstimate::Welch ? "welch" : "kalman_intervention"; }

MeanShift KaizenEvidence::recommendedShift() const {
  if (recommended == MeanEstimate::KalmanIntervention && kalman)
    return {MeanEstimate::KalmanIntervention, kalman->best.effect, kalman->best.lower, kalman->best.upper,
            kalman->best.pValue};
  return {MeanEstimate::Welch, mean.difference, mean.ciLow, mean.ciHigh, mean.pValue};
}

KaizenEvidence computeEvidence(const EvidenceInput& input, const EvidenceOptions& options) {
  if (input.values.size() != input.after.size()) throw Error("internal: evidence values and phases differ in length");
  KaizenEvidence e;
  e.splitBasis = input.splitBasis;
  for (int side = 0; side < 2; ++side)
    for (std::size_t i = 0; i < input.values.size(); ++i)
      if (input.after[i] == (side == 1) && std::isfinite(input.values[i])) e.order.push_back(i);
  std::vector<double> ordered, before, after;
  for (std::size_t i : e.order) {
    ordered.push_back(input.values[i]);
    (input.after[i] ? after : before).push_back(input.values[i]);
  }
  e.changePoint = before.size();
  // Values measured after the first post-change value but belonging before (a lot that ran the
  // step before the change and was measured late) keep their phase: say how many.
  if (e.changePoint > 0 && e.changePoint < e.order.size()) {
    std::size_t late = 0;
    for (std::size_t k = 0; k < e.changePoint; ++k) late += e.order[k] > e.order[e.changePoint];
    if (late)
      e.splitBasis += (e.splitBasis.empty() ? "" : "; ") + std::to_string(late) +
                      " value(s) measured after the first post-change value belong before the change and are kept "
                      "there";
  }
  e.waferBefore = summarise(before);
  e.waferAfter = summarise(after);
  const bool meanKaizen = options.intended == Direction::LowerMean || options.intended == Direction::HigherMean;
  e.units = meanUnits(input.values, input.after, input.lot, e.order, meanKaizen);
  e.mean = welchTest(e.units.before, e.units.after);
  e.spread = brownForsythe(before, after);
  phaseChart(e, ordered, input);
  chooseMeanEstimate(e, options);

  const MeanShift shift = e.recommendedShift();
  std::string meanText = "mean " + significantText(e.mean.before.mean, 4) + " → " +
                         significantText(e.mean.after.mean, 4) + " (Welch t = " + significantText(e.mean.t, 3) +
                         ", p = " + significantText(e.mean.pValue, 2) + ")";
  if (shift.method == MeanEstimate::KalmanIntervention)
    meanText = "mean step " + significantText(shift.difference, 4) + " [" + significantText(shift.lower, 4) + ", " +
               significantText(shift.upper, 4) + "] (Kalman intervention, " +
               kalman::levelModelName(e.kalman->best.model) + ", z = " + significantText(e.kalman->best.z, 3) +
               ", p = " + significantText(shift.pValue, 2) +
               "; series autocorrelated, Welch p = " + significantText(e.mean.pValue, 2) + " overstates it)";
  if (!e.units.note.empty()) meanText += "; " + e.units.note;
  const std::string spreadText =
      "sd " + significantText(e.waferBefore.sd, 4) + " → " + significantText(e.waferAfter.sd, 4) +
      " (Brown–Forsythe F = " + significantText(e.spread.f, 3) + ", p = " + significantText(e.spread.pValue, 2) + ")";
  switch (options.intended) {
    case Direction::LowerMean:
      e.improvementShown = shift.difference < 0 && shift.pValue < options.alpha;
      e.verdict = meanText;
      break;
    case Direction::HigherMean:
      e.improvementShown = shift.difference > 0 && shift.pValue < options.alpha;
      e.verdict = meanText;
      break;
    case Direction::LowerSpread:
      e.improvementShown = e.spread.ratio < 1 && e.spread.pValue < options.alpha;
      e.verdict = spreadText;
      break;
    case Direction::HigherCpk:
      if (!options.spec.lsl && !options.spec.usl)
        throw Error("a higher-Cpk kaizen needs spec limits for its parameter (import them with --kind specs)");
      e.verdict = meanText + "; " + spreadText;
      break;
  }
  if (options.spec.lsl || options.spec.usl) {
    e.capabilityBefore = sideCapability(before, options.spec);
    e.capabilityAfter = sideCapability(after, options.spec);
    const auto& b = comparedIndex(*e.capabilityBefore);
    const auto& a = comparedIndex(*e.capabilityAfter);
    const std::string cpkText = "Cpk " + significantText(b.value, 3) + " [" + significantText(b.lower, 3) + ", " +
                                significantText(b.upper, 3) + "] → " + significantText(a.value, 3) + " [" +
                                significantText(a.lower, 3) + ", " + significantText(a.upper, 3) + "]";
    if (options.intended == Direction::HigherCpk) {
      // Shown only when the intervals (Bissell) do not overlap: a conservative test.
      e.improvementShown = a.lower > b.upper;
      e.verdict = cpkText;
    } else {
      e.verdict += "; " + cpkText;
    }
  }
  e.verdict = (e.improvementShown ? "shown: " : "not shown: ") + e.verdict;
  return e;
}

}  // namespace fab::lean

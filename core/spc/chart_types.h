#pragma once
// Control chart options and results: what a chart is asked for and what it
// hands to the chart layer (centre, per-point limits as stair steps, zones,
// violations with rule number, phase boundaries, input row per point).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/spc/limits.h"
#include "core/spc/run_rules.h"

namespace fab::spc {

enum class ChartType {
  IndividualsMR,  ///< individuals and moving range (n = 1)
  XbarR,          ///< subgroup means and ranges
  XbarS,          ///< subgroup means and standard deviations
  Ewma,           ///< exponentially weighted moving average, exact time-varying limits
  Cusum,          ///< tabular CUSUM, upper and lower
  P,              ///< fraction defective
  Np,             ///< number defective
  C,              ///< defects per sample
  U,              ///< defects per unit
  ThreeWay,       ///< individuals + moving range of subgroup means, and R or S within
  LaneyP,         ///< Laney p′ (overdispersion-corrected p)
  LaneyU,         ///< Laney u′
};

/// Command-line and storage name: "imr", "xbar-r", …, "laney-u".
const char* chartName(ChartType type);
/// Inverse of chartName; throws fab::Error listing the names for an unknown one.
ChartType parseChartType(const std::string& name);
/// True for p, np, c, u, laney-p, laney-u (count/size data).
bool isAttributeChart(ChartType type);

enum class MovingRangeMethod { Average, Median };
enum class WithinSpread { Range, StandardDeviation };

/// The in-control process a phase's limits are built from: estimated from its
/// baseline, supplied (known centre / σ) or approved and stored.
struct ProcessEstimate {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  /// Process centre: mean of the values (variables), p̄ (p, np, Laney p′),
  /// c̄ (c) or ū (u, Laney u′).
  double center = kNaN;
  /// σ of individual values within subgroups (variables charts); NaN for attributes.
  double sigma = kNaN;
  /// Three-way chart: σ of the subgroup means from their moving ranges (MR̄/d2).
  double sigmaOfMeans = kNaN;
  /// Laney's σz: the spread of the standardised points (1 for plain p and u).
  double sigmaZ = 1.0;
  std::string sigmaMethod;  ///< "MR̄/d2", "median MR/0.954", "R̄/d2", "S̄/c4", "known", …
  bool centerKnown = false;
  bool sigmaKnown = false;
  std::size_t subgroupsUsed = 0;  ///< baseline subgroups that entered the estimate
  std::size_t valuesUsed = 0;     ///< baseline values (or units) that entered it
};

/// One phase: points [start, next phase's start), limits estimated from its
/// baseline subgroups [baselineFirst, baselineLast] (0-based, inclusive;
/// default the whole phase) unless `fixed` supplies them (approved limits).
struct PhaseSpec {
  std::size_t start = 0;
  std::optional<std::size_t> baselineFirst, baselineLast;
  std::optional<ProcessEstimate> fixed;
  std::string label;
};

struct ChartOptions {
  ChartType type = ChartType::IndividualsMR;
  MovingRangeMethod movingRange = MovingRangeMethod::Average;
  WithinSpread withinSpread = WithinSpread::Range;
  double L = 3.0;                     ///< limit width in σ of the plotted statistic (EWMA's L)
  double lambda = 0.2;                ///< EWMA weight, 0 < λ ≤ 1
  double k = 0.5;                     ///< CUSUM reference value in σ units
  double h = 5.0;                     ///< CUSUM decision interval in σ units
  double headStart = 0.0;             ///< CUSUM fast initial response: C₀ = headStart·h (0.5 is usual)
  std::optional<double> target;       ///< EWMA start value and CUSUM target (default: the centre)
  std::optional<double> knownCenter;  ///< a known centre replaces the estimate
  std::optional<double> knownSigma;   ///< a known σ (of individual values) replaces the estimate
  /// Phases in order of start; empty means one phase over all points, all of it baseline.
  std::vector<PhaseSpec> phases;
  /// Points excluded from limit estimation (one flag per point; empty = none).
  std::vector<std::uint8_t> excluded;
  RuleSelection rules = RuleSelection::nelson();

  /// Throws fab::Error with an actionable message when an option is out of range.
  void validate() const;
};

/// One plotted series with its limits and its rule violations.
struct ChartPanel {
  std::string name;                  ///< "Individuals", "Moving range", "X̄", "R", "S", "EWMA", "CUSUM C+", …
  bool runRules = false;             ///< rules 2–8 apply (else only rule 1)
  std::vector<double> value;         ///< the plotted statistic, one per point; NaN where none
  std::vector<LimitSegment> limits;  ///< stair-step limits covering the points that have them
  std::vector<RuleViolation> violations;
};

/// A phase as computed: its points, baseline and the estimate behind its limits.
struct PhaseResult {
  std::size_t first = 0, last = 0;                  ///< points [first, last)
  std::size_t baselineFirst = 0, baselineLast = 0;  ///< baseline points [first, last] (inclusive)
  ProcessEstimate estimate;
  std::string label;
};

struct ChartResult {
  ChartType type = ChartType::IndividualsMR;
  RuleFamily rules = RuleFamily::Nelson;
  std::vector<ChartPanel> panels;  ///< top to bottom; panels[0] is the main chart
  std::vector<PhaseResult> phases;
  std::size_t pointCount = 0;
  /// First input row behind each point; empty for individuals (point i is row i).
  std::vector<std::size_t> pointRow;
  /// Values present (variables) or sample size (attributes); empty for
  /// individuals (1, or 0 where the value is missing).
  std::vector<double> pointSize;
  std::vector<std::uint8_t> excluded;  ///< per point: left out of limit estimation; empty when none
  std::vector<std::string> warnings;   ///< things the engineer should know (empty subgroups, …)

  std::size_t points() const { return pointCount; }
  std::size_t row(std::size_t i) const { return pointRow.empty() ? i : pointRow[i]; }
  double size(std::size_t i) const {
    if (!pointSize.empty()) return pointSize[i];
    return panels.empty() || panels[0].value[i] != panels[0].value[i] ? 0.0 : 1.0;
  }
  bool isExcluded(std::size_t i) const { return !excluded.empty() && excluded[i]; }
  /// Index of the first point of each phase (phase splits, where runs restart).
  std::vector<std::size_t> phaseStarts() const;
};

}  // namespace fab::spc

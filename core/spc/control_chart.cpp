#include "core/spc/control_chart.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/spc/chart_strategy.h"

namespace fab::spc {
namespace {

struct ChartTypeName {
  ChartType type;
  const char* name;
};
constexpr ChartTypeName kChartNames[] = {
    {ChartType::IndividualsMR, "imr"},
    {ChartType::XbarR, "xbar-r"},
    {ChartType::XbarS, "xbar-s"},
    {ChartType::Ewma, "ewma"},
    {ChartType::Cusum, "cusum"},
    {ChartType::P, "p"},
    {ChartType::Np, "np"},
    {ChartType::C, "c"},
    {ChartType::U, "u"},
    {ChartType::ThreeWay, "three-way"},
    {ChartType::LaneyP, "laney-p"},
    {ChartType::LaneyU, "laney-u"},
};

std::string pointName(std::size_t i) { return "subgroup " + std::to_string(i + 1); }

/// The phases with their baselines resolved and checked against the point count.
std::vector<PhaseResult> resolvePhases(const ChartOptions& options, std::size_t points) {
  std::vector<PhaseSpec> specs = options.phases;
  if (specs.empty()) specs.push_back(PhaseSpec{});
  if (specs.front().start != 0) throw Error("the first phase must start at the first point");
  std::vector<PhaseResult> out;
  for (std::size_t p = 0; p < specs.size(); ++p) {
    const auto& spec = specs[p];
    const std::size_t last = p + 1 < specs.size() ? specs[p + 1].start : points;
    if (spec.start >= points)
      throw Error("phase " + std::to_string(p + 1) + " starts at " + pointName(spec.start) +
                  " but the chart has only " + std::to_string(points) + " subgroups");
    if (last <= spec.start) throw Error("phase starts must be strictly increasing");
    PhaseResult r;
    r.first = spec.start;
    r.last = last;
    r.baselineFirst = spec.baselineFirst.value_or(spec.start);
    r.baselineLast = spec.baselineLast.value_or(last - 1);
    if (r.baselineFirst > r.baselineLast || r.baselineFirst < r.first || r.baselineLast >= r.last)
      throw Error("the baseline of phase " + std::to_string(p + 1) + " (subgroups " +
                  std::to_string(r.baselineFirst + 1) + " to " + std::to_string(r.baselineLast + 1) +
                  ") must lie within the phase (subgroups " + std::to_string(r.first + 1) + " to " +
                  std::to_string(r.last) + ")");
    r.label = spec.label.empty() ? "phase " + std::to_string(p + 1) : spec.label;
    out.push_back(std::move(r));
  }
  return out;
}

ChartResult compute(ChartData data, const ChartOptions& options) {
  options.validate();
  const std::size_t points = data.points();
  if (points == 0) throw Error(std::string(chartName(options.type)) + " chart: there is no data to chart");
  if (!options.excluded.empty() && options.excluded.size() != points)
    throw Error("the exclusion list has " + std::to_string(options.excluded.size()) + " flags for " +
                std::to_string(points) + " subgroups");

  ChartResult result;
  result.type = options.type;
  result.rules = options.rules.family;
  result.phases = resolvePhases(options, points);
  const auto strategy = makeStrategy(options.type);
  result.panels = strategy->makePanels();
  for (auto& panel : result.panels) panel.value.reserve(points);

  for (auto& phase : result.phases) {
    const auto& spec = options.phases.empty() ? PhaseSpec{} : options.phases[&phase - result.phases.data()];
    if (spec.fixed) {
      phase.estimate = *spec.fixed;
    } else {
      const Baseline baseline{phase.baselineFirst, phase.baselineLast, options.excluded};
      phase.estimate = strategy->estimate(data, baseline, options);
    }
    strategy->plot(data, phase.estimate, phase.first, phase.last, options, result.panels);
  }

  const auto starts = result.phaseStarts();
  for (auto& panel : result.panels)
    evaluateRules(panel.value, panel.limits, starts, panel.runRules, options.rules, panel.violations);

  result.pointCount = points;
  result.excluded = options.excluded;
  if (data.attribute) {
    result.pointRow = std::move(data.attributes.firstRow);
    result.pointSize = std::move(data.attributes.size);
  } else if (!data.variables.individuals) {
    result.pointRow = std::move(data.variables.firstRow);
    result.pointSize = std::move(data.variables.n);
    std::size_t empty = 0;
    for (auto n : result.pointSize) empty += n == 0;
    if (empty > 0)
      result.warnings.push_back(std::to_string(empty) + " of " + std::to_string(points) +
                                " subgroups have no values; they are shown as gaps");
  }
  return result;
}

}  // namespace

const char* chartName(ChartType type) {
  for (const auto& n : kChartNames)
    if (n.type == type) return n.name;
  return "?";
}

ChartType parseChartType(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string known;
  for (const auto& n : kChartNames) {
    if (lower == n.name) return n.type;
    known += std::string(known.empty() ? "" : ", ") + n.name;
  }
  throw Error("unknown chart type '" + name + "'; choose one of " + known);
}

bool isAttributeChart(ChartType type) {
  switch (type) {
    case ChartType::P:
    case ChartType::Np:
    case ChartType::C:
    case ChartType::U:
    case ChartType::LaneyP:
    case ChartType::LaneyU:
      return true;
    default:
      return false;
  }
}

void ChartOptions::validate() const {
  if (!(L > 0) || !std::isfinite(L)) throw Error("the limit width L must be a positive number of σ (3 is usual)");
  if (!(lambda > 0 && lambda <= 1)) throw Error("the EWMA weight λ must lie in (0, 1] (0.05 to 0.25 is usual)");
  if (!(k >= 0) || !std::isfinite(k)) throw Error("the CUSUM reference value k must be ≥ 0 (0.5 is usual)");
  if (!(h > 0) || !std::isfinite(h)) throw Error("the CUSUM decision interval h must be positive (4 or 5 is usual)");
  if (!(headStart >= 0 && headStart < 1)) throw Error("the CUSUM head start must lie in [0, 1) as a fraction of h");
  if (knownSigma && !(*knownSigma > 0 && std::isfinite(*knownSigma)))
    throw Error("a known σ must be a positive number");
  if (knownCenter && !std::isfinite(*knownCenter)) throw Error("a known centre must be a finite number");
  if (target && !std::isfinite(*target)) throw Error("the target must be a finite number");
  if (knownSigma && isAttributeChart(type))
    throw Error(std::string(chartName(type)) +
                " chart: σ follows from the centre for attribute charts; give a "
                "known centre only");
}

std::vector<std::size_t> ChartResult::phaseStarts() const {
  std::vector<std::size_t> starts;
  for (const auto& p : phases) starts.push_back(p.first);
  return starts;
}

std::unique_ptr<ChartStrategy> makeStrategy(ChartType type) {
  switch (type) {
    case ChartType::IndividualsMR:
      return makeIndividualsStrategy();
    case ChartType::XbarR:
      return makeXbarStrategy(WithinSpread::Range);
    case ChartType::XbarS:
      return makeXbarStrategy(WithinSpread::StandardDeviation);
    case ChartType::Ewma:
      return makeEwmaStrategy();
    case ChartType::Cusum:
      return makeCusumStrategy();
    case ChartType::ThreeWay:
      return makeThreeWayStrategy();
    default:
      return makeAttributeStrategy(type);
  }
}

ChartResult computeVariablesChart(std::span<const double> values, const Subgroups* groups,
                                  const ChartOptions& options) {
  if (isAttributeChart(options.type))
    throw Error(std::string(chartName(options.type)) + " is an attribute chart: give counts and sample sizes");
  if (groups && options.type == ChartType::IndividualsMR)
    throw Error(
        "the I-MR chart plots individual values: drop the subgrouping, or chart subgroup means with "
        "three-way, xbar-r or xbar-s");
  if (!groups &&
      (options.type == ChartType::XbarR || options.type == ChartType::XbarS || options.type == ChartType::ThreeWay))
    throw Error(std::string(chartName(options.type)) + " chart: needs subgroups (a subgroup key column or a size)");
  ChartData data;
  data.variables = summarize(values, groups);
  return compute(std::move(data), options);
}

ChartResult computeAttributeChart(std::span<const double> counts, std::span<const double> sizes,
                                  const Subgroups* groups, const ChartOptions& options) {
  if (!isAttributeChart(options.type))
    throw Error(std::string(chartName(options.type)) + " is a variables chart: give measured values");
  std::vector<double> ones;
  if (sizes.empty()) {
    if (options.type != ChartType::C) throw Error(std::string(chartName(options.type)) + " chart: needs sample sizes");
    ones.assign(counts.size(), 1.0);
    sizes = ones;
  }
  ChartData data;
  data.attribute = true;
  data.attributes = summarizeAttribute(counts, sizes, groups);
  validateAttributeData(options.type, data.attributes);
  return compute(std::move(data), options);
}

std::vector<PhaseSpec> phasesAtTimes(std::span<const std::int64_t> pointTimes,
                                     std::span<const std::int64_t> splitTimes) {
  if (!std::is_sorted(pointTimes.begin(), pointTimes.end()))
    throw Error("phase splits by time need the points in time order");
  std::vector<std::size_t> starts{0};
  std::vector<std::int64_t> splits(splitTimes.begin(), splitTimes.end());
  std::sort(splits.begin(), splits.end());
  for (auto t : splits) {
    const auto at =
        static_cast<std::size_t>(std::lower_bound(pointTimes.begin(), pointTimes.end(), t) - pointTimes.begin());
    if (at > starts.back() && at < pointTimes.size()) starts.push_back(at);
  }
  return phasesAtPoints(starts);
}

std::vector<PhaseSpec> phasesAtPoints(std::span<const std::size_t> starts) {
  std::vector<std::size_t> sorted(starts.begin(), starts.end());
  sorted.push_back(0);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<PhaseSpec> phases;
  for (auto s : sorted) phases.push_back(PhaseSpec{s, std::nullopt, std::nullopt, std::nullopt, {}});
  return phases;
}

}  // namespace fab::spc

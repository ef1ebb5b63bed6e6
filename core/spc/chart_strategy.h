#pragma once
// One small strategy per chart type: how it estimates the in-control process
// from a baseline, and how it turns the data into plotted statistics and
// limits. The engine (control_chart.cpp) handles phases, exclusions and rules
// the same way for all of them.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/spc/chart_types.h"
#include "core/spc/subgroups.h"

namespace fab::spc {

/// The data a chart is drawn from: variables or attribute summaries, one
/// entry per plotted point.
struct ChartData {
  SubgroupSummary variables;
  AttributeSummary attributes;
  bool attribute = false;
  std::size_t points() const { return attribute ? attributes.points() : variables.count(); }
};

/// The points a phase's limits are estimated from: [first, last], less the excluded.
struct Baseline {
  std::size_t first = 0, last = 0;  ///< inclusive
  std::span<const std::uint8_t> excluded;
  bool uses(std::size_t i) const { return i >= first && i <= last && (excluded.empty() || !excluded[i]); }
};

class ChartStrategy {
 public:
  virtual ~ChartStrategy() = default;
  /// The panels, named and with their rule scope, still empty.
  virtual std::vector<ChartPanel> makePanels() const = 0;
  /// The in-control process from the baseline, honouring a known centre / σ.
  /// Throws fab::Error when the baseline cannot give finite, non-zero limits.
  virtual ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                                   const ChartOptions& options) const = 0;
  /// Appends plotted values and limits of points [first, last) to the panels.
  virtual void plot(const ChartData& data, const ProcessEstimate& estimate, std::size_t first, std::size_t last,
                    const ChartOptions& options, std::vector<ChartPanel>& panels) const = 0;
};

std::unique_ptr<ChartStrategy> makeStrategy(ChartType type);

// The strategies, one per file.
std::unique_ptr<ChartStrategy> makeIndividualsStrategy();
std::unique_ptr<ChartStrategy> makeXbarStrategy(WithinSpread spread);
std::unique_ptr<ChartStrategy> makeEwmaStrategy();
std::unique_ptr<ChartStrategy> makeCusumStrategy();
std::unique_ptr<ChartStrategy> makeAttributeStrategy(ChartType type);
std::unique_ptr<ChartStrategy> makeThreeWayStrategy();

/// Throws fab::Error naming the first subgroup with a negative count, a
/// non-positive size, or more defectives than units.
void validateAttributeData(ChartType type, const AttributeSummary& a);

}  // namespace fab::spc

#pragma once
// What both gauge R&R methods report: the variance components table
// (%contribution, %study variation, %tolerance) and the number of distinct
// categories, plus the options they share.
//
// Sources: AIAG, Measurement Systems Analysis, 4th ed. (2010), ch. III §B
// (%EV, %AV, %GRR, %PV of TV; %tolerance with 6σ; ndc = 1.41 PV/GRR, truncated).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/msa/crossed_layout.h"

namespace fab::msa {

enum class GrrMethod { Anova, AverageRange };

std::string_view toString(GrrMethod method);
/// "anova" | "xbar-r" (also "average-range"); throws fab::Error otherwise.
GrrMethod parseGrrMethod(std::string_view text);

struct GrrOptions {
  /// ANOVA: the part × appraiser interaction is pooled into repeatability when
  /// its p-value is above this (Minitab's "alpha to remove interaction", 0.05).
  /// 0 always pools, 1 never does.
  double interactionAlpha = 0.05;
  /// Study variation = multiplier × σ (6 as in AIAG 4th ed.; 5.15 in the 3rd).
  double studyVarMultiplier = 6.0;
  /// Tolerance (USL − LSL) for %tolerance; none gives no %tolerance column.
  std::optional<double> tolerance{};
  /// Throws fab::Error with a message naming the bad option.
  void validate() const;
};

/// Variances of the crossed model y = μ + P + A + PA + ε (negatives set to 0).
struct VarianceComponents {
  double repeatability = 0;           ///< σ²_ε (EV²)
  double appraiser = 0;               ///< σ²_A
  double interaction = 0;             ///< σ²_PA (0 when pooled or not estimated)
  double part = 0;                    ///< σ²_P (PV²)
  bool splitReproducibility = false;  ///< list the appraiser and interaction lines (ANOVA)
  bool interactionInModel = false;
};

struct GrrComponent {
  std::string source;  ///< "Total gauge R&R", "Repeatability", …
  std::string symbol;  ///< AIAG's name where it has one: GRR, EV, AV, PV, TV
  double variance = 0;
  double sigma = 0;
  double studyVariation = 0;           ///< multiplier × σ
  double pctContribution = 0;          ///< 100 σ² / σ²_total
  double pctStudyVariation = 0;        ///< 100 σ / σ_total
  std::optional<double> pctTolerance;  ///< 100 × multiplier × σ / tolerance
};

struct GrrSummary {
  std::vector<GrrComponent> components;  ///< GRR, EV, AV, [A, PA], PV, TV
  /// ⌊1.41 σ_P / σ_GRR⌋ (AIAG 4th ed., p. 80 and 125); absent when σ_GRR = 0.
  std::optional<int> ndc;
  double ndcRaw = 0;  ///< 1.41 σ_P / σ_GRR before truncation (inf when σ_GRR = 0)
  const GrrComponent& component(std::string_view symbolOrSource) const;
};

/// Builds the table; throws fab::Error when the total variance is 0 (all
/// measurements equal: nothing to analyse).
GrrSummary summarizeGrr(const VarianceComponents& v, const GrrOptions& options);

/// Mean and range of one part × appraiser cell, for the R and X̄ charts.
struct GrrCell {
  std::size_t part = 0;
  std::size_t appraiser = 0;
  double mean = 0;
  double range = 0;
  bool rangeAboveLimit = false;  ///< above the R chart's UCL = D4·R̄ (average-and-range method)
  std::vector<std::size_t> rows;
};

/// Cell means and ranges in part-major order.
std::vector<GrrCell> grrCells(const CrossedLayout& layout);

}  // namespace fab::msa

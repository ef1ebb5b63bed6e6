#pragma once
// Where the variation lives: nested variance components with their share of
// the total, σ and a confidence interval. docs/ARCHITECTURE.md §4.
//
// Balanced data: ANOVA (method-of-moments) estimates from the nested ANOVA
// table (core/variation/nested_anova.h), a negative estimate truncated at 0.
// Unbalanced data: REML (core/variation/nested_reml.h). REML on balanced data
// gives the ANOVA estimates whenever none of them is negative.
//
// Confidence intervals, Satterthwaite's approximation (Satterthwaite 1946;
// Searle, Casella & McCulloch 1992, §4.6; Burdick & Graybill, "Confidence
// Intervals on Variance Components", 1992, §2.3): the estimate σ̂² is treated
// as a scaled χ² with ν degrees of freedom,
//   [ν σ̂² / χ²(1 − α/2; ν),  ν σ̂² / χ²(α/2; ν)].
// ANOVA: σ̂²_l = Σ c_i MS_i, ν = (Σ c_i MS_i)² / Σ (c_i MS_i)²/df_i; the
// residual's ν is its df (the interval is then exact).
// REML: ν = 2 σ̂⁴ / Var(σ̂²), Var from the inverse observed information (the
// Satterthwaite-type interval of SAS PROC MIXED's COVTEST CL).
// No interval is given for a component estimated as 0.
#include <optional>
#include <string>
#include <vector>

#include "core/variation/nested_anova.h"
#include "core/variation/nested_design.h"

namespace fab::variation {

enum class ComponentMethod { Automatic, Anova, Reml };

struct VarianceComponentsOptions {
  ComponentMethod method = ComponentMethod::Automatic;  ///< ANOVA when balanced, REML otherwise
  double confidence = 0.95;
  void validate() const;  ///< throws fab::Error for a confidence outside (0, 1)
};

struct VarianceComponent {
  std::string level;    ///< the level's name: "run", "zone", "wafer"
  std::string source;   ///< as in the ANOVA table: "zone within run"
  double variance = 0;  ///< σ² (≥ 0)
  double percent = 0;   ///< of the total variance
  double sigma = 0;
  double df = 0;                 ///< Satterthwaite degrees of freedom of the interval; NaN when no interval
  double ciLow = 0, ciHigh = 0;  ///< NaN when no interval
  bool truncated = false;        ///< the estimate came out negative and was set to 0
};

struct VarianceComponentsResult {
  std::vector<VarianceComponent> components;  ///< outermost first, residual last
  double total = 0;                           ///< Σ σ²
  double totalSigma = 0;
  double mean = 0;                    ///< grand mean (ANOVA) or the GLS mean (REML)
  std::vector<NestedAnovaRow> anova;  ///< always given; F, p and EMS for balanced data only
  std::string method;                 ///< "ANOVA (method of moments)" or "REML (...)"
  std::string intervalMethod;
  double confidence = 0.95;
  bool balanced = false;
  std::size_t n = 0;
  std::vector<std::size_t> groups;  ///< groups per factor level, outermost first
  std::optional<double> remlLogLikelihood;
  int remlIterations = 0;
  std::vector<std::string> notes;
};

VarianceComponentsResult varianceComponents(const NestedDesign& design, const VarianceComponentsOptions& options = {});

}  // namespace fab::variation

#pragma once
// A parameter's capability for the capability view: indices with intervals
// (core/spc/capability.h), Anderson–Darling normality, optional Box-Cox, and
// the histogram model with the fitted normal and the spec lines. Built on a
// worker thread.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/capability.h"
#include "core/spc/box_cox.h"
#include "core/spc/capability.h"
#include "core/spc/normality.h"
#include "core/store/database.h"
#include "ui/chart/histogram_painter.h"

namespace fab::ui {

struct CapabilityRequest {
  std::string parameter;
  std::string product;  ///< only this product's lots (its spec and limits); "" = every product
  /// Whose σ within: "" = the chart in force (core/analysis/capability.h),
  /// "individuals" = moving ranges (MR̄/d2), "wafer" or "lot" = R̄/d2 of those subgroups.
  std::string subgroup;
  bool boxCox = false;  ///< capability of the Box-Cox transformed data with transformed specs
  double confidence = 0.95;
};

struct CapabilityData {
  CapabilityRequest request;
  std::string product, unit;           ///< product: the one spec and limits apply to (analysis::productInScope)
  std::string specSource, valuesNote;  ///< in words
  std::size_t values = 0;
  spc::SpecLimits spec;  ///< as stored (untransformed)
  std::optional<spc::BoxCoxFit> boxCox;
  spc::CapabilityResult capability;  ///< on the transformed scale with Box-Cox
  std::optional<spc::NormalityTest> normality;
  std::string normalityError;  ///< why the test could not run
  std::shared_ptr<const chart::HistogramModel> histogram;
};

/// Throws fab::Error when the parameter has no spec limits or too few values.
CapabilityData computeCapability(store::Database& db, const CapabilityRequest& request);

/// The analysis request the view's request stands for.
analysis::CapabilityRequest analysisRequest(const CapabilityRequest& request);

/// Histogram of `values` (NaN skipped) with ⌈√n⌉ bins (10 to 60), the normal
/// densities with σ overall and σ within scaled to counts, and spec lines.
std::shared_ptr<chart::HistogramModel> buildHistogram(const std::vector<double>& values,
                                                      const spc::CapabilityResult& capability, const QString& title,
                                                      const QString& axisLabel);

}  // namespace fab::ui

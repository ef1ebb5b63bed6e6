#pragma once
// The SPC report: a summary page ranking the parameters by Cpk and by number
// of rule violations (with a traffic light), then one page per parameter with
// the control chart (approved limits in force, zones, violations marked), the
// violations table, the capability histogram, the indices with their
// confidence intervals, notes, the variance components and the tool-commonality
// ranking.
#include <QString>

#include "core/common/feedback.h"
#include "ui/report/report_document.h"
#include "ui/report/spc_analysis.h"
#include "ui/report/variation_section.h"

namespace fab::ui::report {

/// Traffic-light thresholds on Cpk (the usual 1.33 / 1.0 capability targets).
constexpr double kCpkGood = 1.33, kCpkPoor = 1.0;
/// Violations listed on a parameter's page (the rest are counted), so the page stays one page.
constexpr std::size_t kViolationRowsShown = 6;

/// Builds the document from analyses already computed; `variations` (one per
/// analysis, or none) adds "where the variation lives" and "which tool" to each page.
ReportDocument makeSpcReport(const std::vector<SpcParameterAnalysis>& analyses, const SpcScope& scope,
                             const QString& workspaceName, const std::vector<ParameterVariation>& variations = {});

/// Opens the workspace (read-only), analyses the scope and builds the document.
ReportDocument buildSpcReport(const QString& workspacePath, const SpcScope& scope, const Feedback& feedback = {});

}  // namespace fab::ui::report

#pragma once
// "Where the variation lives" and "which tool did it" on a parameter's page of
// the SPC report: the variance components with the variability chart, and the
// tool-commonality ranking with the box plots at the top step. The analyses
// are the workspace-analysis functions the GUI and the CLI call
// (core/variation/workspace_*.h), over the report's scope.
#include <QString>

#include <optional>
#include <string>

#include "core/store/database.h"
#include "core/variation/workspace_commonality.h"
#include "core/variation/workspace_variance_components.h"
#include "ui/report/report_document.h"
#include "ui/report/spc_analysis.h"

namespace fab::ui::report {

struct ParameterVariation {
  std::string parameter;
  std::optional<variation::WorkspaceVarianceComponents> components;
  std::string componentsNote;  ///< why there are none (one lot only, no values…)
  std::optional<variation::WorkspaceCommonality> commonality;
  std::string commonalityNote;  ///< why there is none (no route history…)
};

/// Both analyses of one parameter over the report's lots and dates; an analysis
/// that cannot be done leaves its note instead (never throws for that).
ParameterVariation analyseVariation(store::Database& db, const std::string& parameter, const SpcScope& scope);

/// Appends the two subsections (figures, tables, notes) to a parameter's page.
void variationSection(ReportDocument& doc, const ParameterVariation& v, const QString& unit);

}  // namespace fab::ui::report

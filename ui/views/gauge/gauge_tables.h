#pragma once
// The result tables of the gauge study view as item models: agreement blocks
// (percent, Clopper–Pearson interval, kappa with its Landis–Koch wording),
// kappa per category, and the gauge R&R components. Each number is kept
// unrounded under kValueRole so views and tests read the value, not its text.
#include <QStandardItemModel>

#include <vector>

#include "core/msa/attribute_agreement.h"
#include "core/msa/grr_anova.h"
#include "core/msa/grr_summary.h"

namespace fab::ui::gauge {

inline constexpr int kValueRole = Qt::UserRole + 1;

/// Columns: Appraiser, Inspected, Matched, Percent, CI low, CI high, Kappa, Agreement.
QStandardItemModel* agreementTable(const std::vector<msa::AssessmentAgreement>& lines, QObject* parent);

/// Columns: Assessment, Appraiser, Category, Kappa, SE (H0), z, P (κ > 0), Agreement;
/// one row per category of every agreement line that has a kappa.
QStandardItemModel* kappaPerCategoryTable(const msa::AttributeAgreementResult& result, QObject* parent);

/// Columns: Source, Variance, StdDev, Study var (6σ), %Contribution, %Study var,
/// [%Tolerance]; rows in the summary's order (GRR, EV, AV, [appraiser,
/// interaction], PV, TV).
QStandardItemModel* componentsTable(const msa::GrrSummary& summary, QObject* parent);

/// Columns: Source, DF, SS, MS, F, P: the ANOVA table the variance components came from.
QStandardItemModel* anovaTable(const std::vector<msa::AnovaRow>& rows, QObject* parent);

/// Index of the components column `title` ("%Study var"…); −1 when absent.
int columnOf(const QAbstractItemModel& model, const QString& title);

}  // namespace fab::ui::gauge

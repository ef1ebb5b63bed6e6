#include "ui/views/gauge/gauge_tables.h"

#include <cmath>

#include "core/msa/kappa_statistic.h"

namespace fab::ui::gauge {
namespace {

QStandardItem* text(const QString& s) {
  auto* item = new QStandardItem(s);
  item->setEditable(false);
  return item;
}

QStandardItem* text(const std::string& s) { return text(QString::fromStdString(s)); }

/// A number shown with `decimals` places, its exact value under kValueRole; "–" for NaN.
QStandardItem* number(double v, int decimals) {
  auto* item = text(std::isfinite(v) ? QString::number(v, 'f', decimals) : QString("–"));
  item->setData(v, kValueRole);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QStandardItem* pValue(double p) {
  auto* item = number(p, 4);
  if (std::isfinite(p) && p < 0.0001) item->setText("< 0.0001");
  return item;
}

QStandardItemModel* model(const QStringList& headers, QObject* parent) {
  auto* m = new QStandardItemModel(0, static_cast<int>(headers.size()), parent);
  m->setHorizontalHeaderLabels(headers);
  return m;
}

}  // namespace

QStandardItemModel* agreementTable(const std::vector<msa::AssessmentAgreement>& lines, QObject* parent) {
  auto* m =
      model({QObject::tr("Appraiser"), QObject::tr("Inspected"), QObject::tr("Matched"), QObject::tr("Percent"),
             QObject::tr("95 % CI low"), QObject::tr("95 % CI high"), QObject::tr("Kappa"), QObject::tr("Agreement")},
            parent);
  for (const auto& l : lines) {
    QList<QStandardItem*> row{text(l.appraiser.empty() ? QObject::tr("all") : QString::fromStdString(l.appraiser)),
                              number(l.inspected, 0),
                              number(l.matched, 0),
                              number(100 * l.percent.estimate, 2),
                              number(100 * l.percent.low, 2),
                              number(100 * l.percent.high, 2)};
    if (l.kappa && l.kappa->overall.defined()) {
      row << number(l.kappa->overall.kappa, 4) << text(l.kappa->overall.agreement);
    } else {
      const std::string note = l.kappa ? l.kappa->overall.note : l.kappaNote;
      row << number(std::nan(""), 4) << text(note.empty() ? std::string("–") : note);
    }
    m->appendRow(row);
  }
  return m;
}

QStandardItemModel* kappaPerCategoryTable(const msa::AttributeAgreementResult& result, QObject* parent) {
  auto* m = model({QObject::tr("Assessment"), QObject::tr("Appraiser"), QObject::tr("Category"), QObject::tr("Kappa"),
                   QObject::tr("SE (H0)"), QObject::tr("z"), QObject::tr("P (κ > 0)"), QObject::tr("Agreement")},
                  parent);
  auto add = [&](const QString& block, const msa::AssessmentAgreement& l) {
    if (!l.kappa) return;
    for (const auto& c : l.kappa->perCategory) {
      const auto& s = c.stat;
      m->appendRow({text(block), text(l.appraiser.empty() ? QObject::tr("all") : QString::fromStdString(l.appraiser)),
                    text(c.category), number(s.kappa, 4), number(s.seNull, 4), number(s.z, 3), pValue(s.pGreater),
                    text(s.defined() ? s.agreement : s.note)});
    }
  };
  for (const auto& l : result.withinAppraisers) add(QObject::tr("Within appraiser"), l);
  for (const auto& l : result.versusStandard) add(QObject::tr("Appraiser vs standard"), l);
  if (result.between) add(QObject::tr("Between appraisers"), *result.between);
  if (result.allVersusStandard) add(QObject::tr("All appraisers vs standard"), *result.allVersusStandard);
  return m;
}

QStandardItemModel* componentsTable(const msa::GrrSummary& summary, QObject* parent) {
  bool tolerance = false;
  for (const auto& c : summary.components) tolerance = tolerance || c.pctTolerance.has_value();
  QStringList headers{QObject::tr("Source"),         QObject::tr("Variance"),      QObject::tr("StdDev"),
                      QObject::tr("Study var (6σ)"), QObject::tr("%Contribution"), QObject::tr("%Study var")};
  if (tolerance) headers << QObject::tr("%Tolerance");
  auto* m = model(headers, parent);
  for (const auto& c : summary.components) {
    QString source = QString::fromStdString(c.source);
    if (!c.symbol.empty()) source += " (" + QString::fromStdString(c.symbol) + ")";
    auto* name = text(source);
    name->setData(QString::fromStdString(c.symbol.empty() ? c.source : c.symbol), kValueRole);
    QList<QStandardItem*> row{name,
                              number(c.variance, 6),
                              number(c.sigma, 5),
                              number(c.studyVariation, 5),
                              number(c.pctContribution, 2),
                              number(c.pctStudyVariation, 2)};
    if (tolerance) row << number(c.pctTolerance.value_or(std::nan("")), 2);
    m->appendRow(row);
  }
  return m;
}

QStandardItemModel* anovaTable(const std::vector<msa::AnovaRow>& rows, QObject* parent) {
  auto* m = model({QObject::tr("Source"), QObject::tr("DF"), QObject::tr("SS"), QObject::tr("MS"), QObject::tr("F"),
                   QObject::tr("P")},
                  parent);
  for (const auto& r : rows)
    m->appendRow({text(r.source), number(r.df, 0), number(r.ss, 5), number(r.ms, 5),
                  number(r.f.value_or(std::nan("")), 3), pValue(r.p.value_or(std::nan("")))});
  return m;
}

int columnOf(const QAbstractItemModel& model, const QString& title) {
  for (int c = 0; c < model.columnCount(); ++c)
    if (model.headerData(c, Qt::Horizontal).toString() == title) return c;
  return -1;
}

}  // namespace fab::ui::gauge

#include "ui/views/lean/evidence_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/number_text.h"
#include "ui/views/lean/evidence_chart.h"

namespace fab::ui::lean {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString interval(double value, double lower, double upper, int digits = 3) {
  return QString("%1 [%2, %3]").arg(significant(value, digits), significant(lower, digits), significant(upper, digits));
}

QString cpkCell(const std::optional<spc::CapabilityResult>& c) {
  if (!c) return QObject::tr("no spec");
  const auto& i = c->cpk.available ? c->cpk : (c->cpl.available ? c->cpl : c->cpu);
  const QString name = c->cpk.available ? "" : (c->cpl.available ? "Cpl " : "Cpu ");
  return name + interval(i.value, i.lower, i.upper);
}

QString oocCell(const fab::lean::PhaseOutOfControl& o) {
  return QString("%1 % (%2 of %3)").arg(significant(100 * o.rate, 3)).arg(o.beyond).arg(o.points);
}

}  // namespace

EvidencePanel::EvidencePanel(QWidget* parent)
    : QWidget(parent),
      verdict_(new QLabel),
      recommendation_(new QLabel),
      chart_(new chart::ChartWidget),
      table_(new QTableWidget(0, 3)) {
  auto* layout = new QVBoxLayout(this);
  verdict_->setWordWrap(true);
  verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  recommendation_->setWordWrap(true);
  layout->addWidget(verdict_);
  layout->addWidget(recommendation_);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(chart_);
  split->addWidget(table_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);
  chart_->setMinimumHeight(220);
  // Summary rows have a before and an after cell; test rows one cell across both. The last
  // column names the values each row is computed on (wafer means, or lot means for the mean shift).
  table_->setHorizontalHeaderLabels({tr("before"), tr("after"), tr("unit")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setWordWrap(true);
  chart_->setTooltipProvider([this](const chart::ChartHit& hit) {
    if (!data_ || hit.row < 0) return QString();
    return describeChartPoint(*data_, 0, static_cast<std::size_t>(hit.row));
  });
  showMessage(tr("Select a card."));
}

void EvidencePanel::showMessage(const QString& message) {
  table_->setRowCount(0);
  verdict_->setText(message);
  recommendation_->clear();
  recommendation_->setStyleSheet({});
  data_.reset();
  model_.reset();
  recommendedRow_ = -1;
  chart_->setChart(nullptr);
}

void EvidencePanel::showEvidence(const fab::lean::LinkedEvidence& linked) {
  const auto& e = linked.evidence;
  verdict_->setText(QString("<b>%1</b><br><span style='color:#555'>%2</span>")
                        .arg(q(e.verdict).toHtmlEscaped(), q(e.splitBasis).toHtmlEscaped()));
  const bool kalman = e.recommended == fab::lean::MeanEstimate::KalmanIntervention;
  recommendation_->setText(tr("<b>Mean shift:</b> %1").arg(q(e.recommendation).toHtmlEscaped()));
  recommendation_->setStyleSheet(kalman ? "QLabel { background: #fff3cd; padding: 4px; border-radius: 3px; }"
                                        : "QLabel { background: #e8f0fe; padding: 4px; border-radius: 3px; }");

  data_ = evidenceChartData(linked.input, e);
  model_ = evidenceChartModel(*data_);
  chart_->setChart(std::make_shared<chart::SeriesChartPainter>(model_));

  const auto& m = e.mean;
  const QString pct = QString::number(m.confidence * 100);
  const auto& s = e.serial;
  const QString wafers = tr("wafer means");
  const bool lots = e.units.kind == fab::lean::MeanUnitKind::Lot;
  const QString unit = lots ? tr("lot means") : wafers;
  struct Row {
    QString label, before, after;  ///< a test row has no `after`: its text spans both columns
    QString unit;                  ///< what the row is computed on
    bool test = false;
  };
  auto testRow = [](const QString& label, const QString& text, const QString& unit) {
    return Row{label, text, QString(), unit, true};
  };
  const auto& wb = e.waferBefore;
  const auto& wa = e.waferAfter;
  std::vector<Row> rows = {
      {tr("n"), QString::number(wb.n), QString::number(wa.n), wafers},
      {tr("mean"), significant(wb.mean, 5), significant(wa.mean, 5), wafers},
      {tr("sd"), significant(wb.sd), significant(wa.sd), wafers},
      {tr("Cpk (%1 %)").arg(pct), cpkCell(e.capabilityBefore), cpkCell(e.capabilityAfter), wafers},
      {tr("beyond limits"), oocCell(e.outOfControlBefore), oocCell(e.outOfControlAfter), wafers},
  };
  if (lots) {
    auto lotCell = [](const fab::lean::SampleSummary& s) {
      return tr("n %1, mean %2, sd %3").arg(s.n).arg(significant(s.mean, 5), significant(s.sd));
    };
    rows.push_back({tr("lot means"), lotCell(m.before), lotCell(m.after),
                    tr("lot means (%1 wafers per lot)")
                        .arg(e.units.minPerLot == e.units.maxPerLot
                                 ? QString::number(e.units.maxPerLot)
                                 : QString("%1–%2").arg(e.units.minPerLot).arg(e.units.maxPerLot))});
  }
  recommendedRow_ = static_cast<int>(rows.size());
  rows.push_back(
      testRow(tr("Welch t"),
              tr("Δ %1 (%2 %), t = %3, df = %4, p = %5")
                  .arg(interval(m.difference, m.ciLow, m.ciHigh, 4), pct, significant(m.t, 3), significant(m.df, 3), significant(m.pValue, 2)),
              unit));
  rows.push_back(testRow(
      tr("Brown–Forsythe"),
      tr("sd ratio %1, F = %2, p = %3").arg(significant(e.spread.ratio, 3), significant(e.spread.f, 3), significant(e.spread.pValue, 2)),
      wafers));
  // One row per intervention model, the better (lower AIC) first.
  if (e.kalman) {
    std::vector<const kalman::InterventionFit*> fits;
    for (const auto& f : e.kalman->fits) fits.push_back(&f);
    std::stable_sort(fits.begin(), fits.end(), [](auto* a, auto* b) { return a->aic < b->aic; });
    for (const auto* f : fits) {
      const QString params =
          f->model == kalman::LevelModel::Ar1Level
              ? tr("φ %1, σ²η %2, σ²ε %3").arg(significant(f->phi, 3), significant(f->levelVariance, 3), significant(f->observationVariance, 3))
              : tr("σ²η %1, σ²ε %2").arg(significant(f->levelVariance, 3), significant(f->observationVariance, 3));
      if (kalman && f == fits.front()) recommendedRow_ = static_cast<int>(rows.size());
      rows.push_back(testRow(tr("Kalman, %1").arg(kalman::levelModelName(f->model)),
                             tr("step %1, SE %2, z = %3, p = %4; AIC %5 (%6)")
                                 .arg(interval(f->effect, f->lower, f->upper, 4), significant(f->standardError, 3),
                                      significant(f->z, 3), significant(f->pValue, 2), significant(f->aic, 5), params),
                             unit));
    }
  } else {
    rows.push_back(testRow(tr("Kalman intervention"), tr("not fitted: %1").arg(q(e.kalmanNote)), unit));
  }
  rows.push_back(testRow(tr("serial correlation"),
                         s.n < 3 ? tr("too few values before the change")
                                 : tr("before the change: r1 = %1, Ljung–Box Q(%2) = %3, p = %4")
                                       .arg(significant(s.r1, 2))
                                       .arg(s.lags)
                                       .arg(significant(s.q, 3), significant(s.pValue, 2)),
                         unit));
  table_->clearSpans();
  table_->setRowCount(static_cast<int>(rows.size()));
  QStringList labels;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const auto& row = rows[static_cast<std::size_t>(r)];
    labels << (r == recommendedRow_ ? row.label + QString::fromUtf8(" ★") : row.label);
    const QString cells[] = {row.before, row.after, row.unit};
    for (int c : {0, 1, 2}) {
      if (row.test && c == 1) continue;
      auto* item = new QTableWidgetItem(cells[c]);
      if (c == 2) item->setForeground(QColor(85, 85, 85));
      item->setToolTip(cells[c]);
      if (r == recommendedRow_) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        item->setBackground(QColor(255, 243, 205));
      }
      table_->setItem(r, c, item);
    }
    if (row.test) table_->setSpan(r, 0, 1, 2);
  }
  table_->setVerticalHeaderLabels(labels);
  table_->verticalHeaderItem(recommendedRow_)
      ->setToolTip(tr("the recommended mean-shift estimate: %1").arg(q(e.recommendation)));
  table_->resizeRowsToContents();
}

}  // namespace fab::ui::lean

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
#include "ui/views/lean/evidence_chart.h"

namespace fab::ui::lean {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString num(double v, int digits = 4) { return std::isfinite(v) ? QString::number(v, 'g', digits) : QString("–"); }

QString interval(double value, double lower, double upper, int digits = 3) {
  return QString("%1 [%2, %3]").arg(num(value, digits), num(lower, digits), num(upper, digits));
}

QString cpkCell(const std::optional<spc::CapabilityResult>& c) {
  if (!c) return QObject::tr("no spec");
  const auto& i = c->cpk.available ? c->cpk : (c->cpl.available ? c->cpl : c->cpu);
  const QString name = c->cpk.available ? "" : (c->cpl.available ? "Cpl " : "Cpu ");
  return name + interval(i.value, i.lower, i.upper);
}

QString oocCell(const fab::lean::PhaseOutOfControl& o) {
  return QString("%1 % (%2 of %3)").arg(num(100 * o.rate, 3)).arg(o.beyond).arg(o.points);
}

}  // namespace

EvidencePanel::EvidencePanel(QWidget* parent)
    : QWidget(parent),
      verdict_(new QLabel),
      recommendation_(new QLabel),
      chart_(new chart::ChartWidget),
      table_(new QTableWidget(0, 2)) {
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
  // Summary rows have a before and an after cell; test rows one cell across both.
  table_->setHorizontalHeaderLabels({tr("before"), tr("after")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
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
  struct Row {
    QString label, before, after;  ///< a test row has no `after`: its text spans both columns
    bool test = false;
  };
  auto testRow = [](const QString& label, const QString& text) { return Row{label, text, QString(), true}; };
  std::vector<Row> rows = {
      {tr("n"), QString::number(m.before.n), QString::number(m.after.n)},
      {tr("mean"), num(m.before.mean, 5), num(m.after.mean, 5)},
      {tr("sd"), num(m.before.sd), num(m.after.sd)},
      {tr("Cpk (%1 %)").arg(pct), cpkCell(e.capabilityBefore), cpkCell(e.capabilityAfter)},
      {tr("beyond limits"), oocCell(e.outOfControlBefore), oocCell(e.outOfControlAfter)},
      testRow(tr("Welch t"),
              tr("Δ %1 (%2 %), t = %3, df = %4, p = %5")
                  .arg(interval(m.difference, m.ciLow, m.ciHigh, 4), pct, num(m.t, 3), num(m.df, 3), num(m.pValue, 2))),
      testRow(
          tr("Brown–Forsythe"),
          tr("sd ratio %1, F = %2, p = %3").arg(num(e.spread.ratio, 3), num(e.spread.f, 3), num(e.spread.pValue, 2))),
  };
  const int welchRow = 5;
  recommendedRow_ = welchRow;
  // One row per intervention model, the better (lower AIC) first.
  if (e.kalman) {
    std::vector<const kalman::InterventionFit*> fits;
    for (const auto& f : e.kalman->fits) fits.push_back(&f);
    std::stable_sort(fits.begin(), fits.end(), [](auto* a, auto* b) { return a->aic < b->aic; });
    for (const auto* f : fits) {
      const QString params =
          f->model == kalman::LevelModel::Ar1Level
              ? tr("φ %1, σ²η %2, σ²ε %3").arg(num(f->phi, 3), num(f->levelVariance, 3), num(f->observationVariance, 3))
              : tr("σ²η %1, σ²ε %2").arg(num(f->levelVariance, 3), num(f->observationVariance, 3));
      if (kalman && f == fits.front()) recommendedRow_ = static_cast<int>(rows.size());
      rows.push_back(testRow(tr("Kalman, %1").arg(kalman::levelModelName(f->model)),
                             tr("step %1, SE %2, z = %3, p = %4; AIC %5 (%6)")
                                 .arg(interval(f->effect, f->lower, f->upper, 4), num(f->standardError, 3),
                                      num(f->z, 3), num(f->pValue, 2), num(f->aic, 5), params)));
    }
  } else {
    rows.push_back(testRow(tr("Kalman intervention"), tr("not fitted: %1").arg(q(e.kalmanNote))));
  }
  rows.push_back(testRow(tr("serial correlation"), s.n < 3
                                                       ? tr("too few values before the change")
                                                       : tr("before the change: r1 = %1, Ljung–Box Q(%2) = %3, p = %4")
                                                             .arg(num(s.r1, 2))
                                                             .arg(s.lags)
                                                             .arg(num(s.q, 3), num(s.pValue, 2))));
  table_->clearSpans();
  table_->setRowCount(static_cast<int>(rows.size()));
  QStringList labels;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const auto& row = rows[static_cast<std::size_t>(r)];
    labels << (r == recommendedRow_ ? row.label + QString::fromUtf8(" ★") : row.label);
    const QString cells[] = {row.before, row.after};
    for (int c = 0; c < (row.test ? 1 : 2); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
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

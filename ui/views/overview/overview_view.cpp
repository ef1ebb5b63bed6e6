#include "ui/views/overview/overview_view.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QStandardPaths>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/analysis/overview_cache.h"
#include "core/analysis/overview_words.h"
#include "core/store/database.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui {
namespace {

enum Section { OutOfControl, Capability, Lots, Kaizens, Imports };

QString q(const std::string& s) { return QString::fromStdString(s); }

QTreeWidget* makeList(const QStringList& header) {
  auto* t = new QTreeWidget;
  t->setHeaderLabels(header);
  t->setRootIsDecorated(false);
  t->setWordWrap(true);
  t->setUniformRowHeights(false);
  t->setAlternatingRowColors(true);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->header()->setStretchLastSection(true);
  t->setToolTip(QObject::tr("Double-click a line (or press Enter) to open the view that explains it."));
  return t;
}

QGroupBox* box(const QString& title, QWidget* content) {
  auto* g = new QGroupBox(title);
  auto* l = new QVBoxLayout(g);
  l->setContentsMargins(6, 6, 6, 6);
  l->addWidget(content);
  return g;
}

/// Cpk against the usual targets (AIAG SPC manual: 1.33 capable, below 1.0 not capable).
QColor cpkColour(double cpk) {
  if (!std::isfinite(cpk) || cpk >= 1.33) return {};
  return cpk < 1.0 ? QColor(190, 30, 30) : QColor(200, 110, 0);
}

}  // namespace

OverviewView::OverviewView(const QString& workspacePath, QWidget* parent)
    : QWidget(parent), path_(workspacePath), heading_(new QLabel), runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  qRegisterMetaType<OverviewTarget>();
  heading_->setWordWrap(true);
  heading_->setTextFormat(Qt::RichText);
  sections_[OutOfControl] =
      makeList({tr("parameter"), tr("chart"), tr("recent beyond limits"), tr("open signals"), tr("last beyond")});
  sections_[Capability] = makeList({tr("parameter"), tr("Cpk"), tr("Ppk"), tr("n")});
  sections_[Lots] = makeList({tr("lot"), tr("yield"), tr("worst wafer"), tr("top fail bin"), tr("lowest zone")});
  sections_[Kaizens] = makeList({tr("#"), tr("stage"), tr("evidence"), tr("kaizen")});
  sections_[Imports] = makeList({tr("batch"), tr("kind"), tr("file"), tr("result")});
  sections_[OutOfControl]->setRootIsDecorated(true);

  auto* grid = new QGridLayout;
  grid->addWidget(box(tr("Out of control under the approved limits, worst first"), sections_[OutOfControl]), 0, 0, 1, 2);
  grid->addWidget(box(tr("Capability, lowest first"), sections_[Capability]), 1, 0);
  grid->addWidget(box(tr("Lowest-yield lots"), sections_[Lots]), 1, 1);
  grid->addWidget(box(tr("Open kaizens"), sections_[Kaizens]), 2, 0);
  grid->addWidget(box(tr("Recent imports"), sections_[Imports]), 2, 1);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(1, 1);
  grid->setRowStretch(0, 3);
  grid->setRowStretch(1, 2);
  grid->setRowStretch(2, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading_);
  layout->addLayout(grid, 1);

  for (auto* t : sections_)
    connect(t, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
      const QVariant v = item->data(0, Qt::UserRole);
      if (v.canConvert<OverviewTarget>()) emit openRequested(v.value<OverviewTarget>());
    });
  heading_->setText(tr("The overview is read when this page is in front."));
}

// The overview charts every parameter (seconds on a large workspace); it does so
// only while its page is in front, so a view opened over it has the cores.
void OverviewView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_) load();
}

void OverviewView::hideEvent(QHideEvent* event) {
  if (runner_->busy()) {
    stale_ = true;
    runner_->cancel();
  }
  QWidget::hideEvent(event);
}

void OverviewView::refreshView() {
  stale_ = true;
  if (isVisible()) load();
}

void OverviewView::load() {
  stale_ = false;
  heading_->setText(tr("Reading the workspace: every parameter's chart in force, capability, yields, kaizens…"));
  const std::string path = path_.toStdString();
  // Kept per workspace in the user's cache folder, under a hash of its path or URL.
  const std::string stored =
      (QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/overview/" +
       QCryptographicHash::hash(path_.toUtf8(), QCryptographicHash::Sha1).toHex() + ".json")
          .toStdString();
  runner_->start<analysis::Overview>(
      tr("Workspace overview"),
      [path, stored](const Feedback& feedback) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return analysis::storedWorkspaceOverview(db, stored, {}, feedback);
      },
      [this](JobOutcome<analysis::Overview> outcome) {
        if (outcome.value) {
          overview_ = std::move(outcome.value);
          present(*overview_);
        } else if (outcome.cancelled) {
          if (stale_) heading_->setText(tr("Stopped while another view was in front; read again when this page is."));
        } else {
          heading_->setText(tr("Cannot read the overview: %1").arg(outcome.error.toHtmlEscaped()));
        }
        emit ready();
      });
}

QTreeWidgetItem* OverviewView::addLine(int section, const QStringList& columns, const OverviewTarget& target,
                                       QTreeWidgetItem* parent) {
  auto* item = parent ? new QTreeWidgetItem(parent, columns) : new QTreeWidgetItem(sections_[section], columns);
  item->setData(0, Qt::UserRole, QVariant::fromValue(target));
  for (int c = 0; c < columns.size(); ++c) item->setToolTip(c, columns[c]);
  return item;
}

void OverviewView::present(const analysis::Overview& o) {
  using Kind = NavigatorItem::Kind;
  for (auto* t : sections_) t->clear();
  QString worst;
  for (std::size_t i = 0; i < o.outOfControl.size() && i < 3; ++i)
    worst += (i ? ", " : "") + QString("<b>%1</b>").arg(q(o.outOfControl[i].parameter).toHtmlEscaped());
  heading_->setText(
      (o.outOfControl.empty()
           ? tr("<b>Every parameter is in control</b> under its limits in force.")
           : tr("<b>%1 of %2 parameters out of control</b>, worst %3.")
                 .arg(o.outOfControl.size())
                 .arg(o.outOfControl.size() + o.parametersInControl)
                 .arg(worst)) +
      tr(" Recent means %1. Charted %2%3; double-click a line to open the view that explains it.")
          .arg(q(o.recentMeaning).toHtmlEscaped(),
               QDateTime::fromMSecsSinceEpoch(o.computedAt).toString("yyyy-MM-dd hh:mm"),
               o.fromStore ? tr(" (nothing imported or approved since)") : QString()));

  for (const auto& l : o.outOfControl) {
    const NavigatorItem parameter{Kind::Parameter, q(l.parameter), 0};
    auto* item = addLine(OutOfControl,
                         {q(l.parameter), q(l.chart),
                          tr("%1 of %2 %3").arg(l.recentBeyondLimits).arg(l.recentPoints).arg(q(l.pointName)),
                          QString::number(l.openViolations), q(l.lastSignal)},
                         {parameter, 0});
    item->setToolTip(2, q(analysis::describeSignals(l)));
    if (l.recentBeyondLimits > 0) item->setForeground(2, QColor(190, 30, 30));
    if (l.suspect) {
      const auto& s = *l.suspect;
      const QString text = tr("suspect: %1 at %2, median %3 against the centre line %4 %5 (adjusted p %6)")
                               .arg(q(s.group), q(s.step))
                               .arg(s.groupMedian, 0, 'f', 2)
                               .arg(s.center, 0, 'f', 2)
                               .arg(q(l.unit))
                               .arg(s.pAdjusted, 0, 'g', 2);
      auto* suspect = addLine(OutOfControl, {text}, {parameter, 4}, item);
      suspect->setToolTip(0, q(analysis::describeSuspect(s, l.unit)));
      suspect->setFirstColumnSpanned(true);
      suspect->setForeground(0, QColor(40, 70, 150));
      item->setExpanded(true);
    }
  }
  for (const auto& c : o.capability) {
    auto* item = addLine(Capability,
                         {q(c.parameter),
                          QString::number(c.cpk, 'f', 2) + (c.cpkName == "Cpk" ? "" : " (" + q(c.cpkName) + ")"),
                          QString::number(c.ppk, 'f', 2), QString::number(c.n)},
                         {{Kind::Parameter, q(c.parameter), 0}, 1});
    item->setToolTip(0, q(analysis::describeCapability(c)));
    if (const QColor colour = cpkColour(c.cpk); colour.isValid()) item->setForeground(1, colour);
  }
  for (const auto& l : o.lots) {
    auto* item = addLine(
        Lots,
        {q(l.lot), QString("%1 %").arg(100 * l.yield, 0, 'f', 1),
         tr("%1 at %2 %").arg(l.worstWafer).arg(100 * l.worstWaferYield, 0, 'f', 1),
         l.topBin ? tr("bin %1: %2 %").arg(l.topBin).arg(100 * l.topBinShare, 0, 'f', 0) : QString(),
         l.worstZone.empty() ? QString() : tr("%1 %2 %").arg(q(l.worstZone)).arg(100 * l.worstZoneYield, 0, 'f', 1)},
        {{Kind::WaferMap, q(l.lot), 0}});
    for (int c = 0; c < 5; ++c) item->setToolTip(c, q(l.lot + " (" + l.product + "): " + analysis::describeLot(l)));
  }
  for (const auto& k : o.kaizens) {
    const OverviewTarget target{{Kind::KanbanBoard, q(k.board), 0}, 0, k.card};
    auto* item = addLine(Kaizens,
                         {QString("#%1").arg(k.id), q(k.stage) + (k.overdue ? tr(", overdue") : ""),
                          k.evidenceComputed ? (k.improvementShown ? tr("improvement shown") : tr("not shown yet"))
                                             : tr("no SPC link"),
                          q(k.title)},
                         k.board.empty() ? OverviewTarget{} : target);
    for (int c = 0; c < 4; ++c) item->setToolTip(c, q(k.title) + ": " + q(analysis::describeKaizen(k)));
    if (k.evidenceComputed) item->setForeground(2, k.improvementShown ? QColor(20, 130, 60) : QColor(200, 110, 0));
  }
  for (const auto& i : o.imports) {
    auto* item = addLine(Imports, {QString("#%1").arg(i.id), q(i.kind), q(i.source), q(analysis::describeImport(i))},
                         {{Kind::Batch, q(i.source), i.id}});
    if (i.status != "ok" || i.rowsRejected > 0) item->setForeground(3, QColor(190, 30, 30));
  }
  for (auto* t : sections_) {
    for (int c = 0; c + 1 < t->columnCount(); ++c) t->resizeColumnToContents(c);
  }
}

}  // namespace fab::ui

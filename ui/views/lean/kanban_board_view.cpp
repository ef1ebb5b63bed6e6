#include "ui/views/lean/kanban_board_view.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>
#include <set>

#include "core/common/error.h"
#include "core/lean/flow_metrics.h"
#include "core/lean/kaizen_evidence.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"
#include "core/store/database.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/number_text.h"
#include "ui/views/lean/evidence_panel.h"
#include "ui/views/lean/flow_charts.h"
#include "ui/views/lean/kaizen_editor.h"
#include "ui/views/lean/kanban_column_list.h"

namespace fab::ui::lean {
namespace {

using Db = store::Database;
QString q(const std::string& s) { return QString::fromStdString(s); }
std::int64_t now() { return QDateTime::currentMSecsSinceEpoch(); }

}  // namespace

KanbanBoardView::KanbanBoardView(const QString& workspacePath, const QString& boardName, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      boardName_(boardName),
      pages_(new QTabWidget),
      boardPage_(new QWidget),
      metricsPage_(new QWidget),
      columnsLayout_(new QHBoxLayout),
      ownerFilter_(new QComboBox),
      areaFilter_(new QComboBox),
      status_(new QLabel),
      metricsText_(new QLabel),
      editor_(new KaizenEditor),
      side_(new QTabWidget),
      evidence_(new EvidencePanel),
      cfd_(new chart::ChartWidget),
      cycle_(new chart::ChartWidget),
      runner_(new JobRunner(this)),
      gateRunner_(new JobRunner(this, WhenBusy::LatestWins)) {
  // Board page: filters and undo above the columns; the card's editor and evidence beside them.
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Owner")));
  bar->addWidget(ownerFilter_);
  bar->addWidget(new QLabel(tr("Area")));
  bar->addWidget(areaFilter_);
  auto* undoButton = new QPushButton(tr("Undo"));
  undoButton->setToolTip(tr("Undo the last card move or edit (Ctrl+Z)"));
  bar->addWidget(undoButton);
  bar->addWidget(status_, 1);
  status_->setWordWrap(true);
  auto* columnsArea = new QWidget;
  columnsArea->setLayout(columnsLayout_);
  columnsLayout_->setContentsMargins(2, 2, 2, 2);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(columnsArea);

  auto* side = side_;
  auto* editorScroll = new QScrollArea;
  editorScroll->setWidgetResizable(true);
  editorScroll->setWidget(editor_);
  side->addTab(editorScroll, tr("Card"));
  side->addTab(evidence_, tr("Evidence"));
  auto* splitter = new QSplitter;
  splitter->addWidget(scroll);
  splitter->addWidget(side);
  // At 1280 px with the navigator open the card and its evidence keep a readable width and the board scrolls.
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({800, 800});
  side->setMinimumWidth(430);
  auto* bl = new QVBoxLayout(boardPage_);
  bl->addLayout(bar);
  bl->addWidget(splitter, 1);

  auto* ml = new QVBoxLayout(metricsPage_);
  metricsText_->setWordWrap(true);
  metricsText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* charts = new QSplitter(Qt::Vertical);
  charts->addWidget(cfd_);
  charts->addWidget(cycle_);
  ml->addWidget(metricsText_);
  ml->addWidget(charts, 1);
  cycle_->setTooltipProvider([this](const chart::ChartHit& hit) {
    for (const auto& c : board_.cards)
      if (c.id == hit.row) return tr("%1\ncycle time %2 days").arg(q(c.title), significant(hit.y, 3));
    return QString();
  });

  pages_->addTab(boardPage_, tr("Board"));
  pages_->addTab(metricsPage_, tr("Metrics"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);

  auto* undoAction = new QAction(tr("Undo"), this);
  undoAction->setShortcut(QKeySequence::Undo);
  undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(undoAction);
  connect(undoAction, &QAction::triggered, this, [this] { undo(); });
  connect(undoButton, &QPushButton::clicked, this, [this] { undo(); });
  connect(editor_, &KaizenEditor::saveRequested, this, [this] { saveKaizen(editor_->edited()); });
  auto filter = [this] { rebuildColumns(); };
  connect(ownerFilter_, &QComboBox::currentIndexChanged, this, filter);
  connect(areaFilter_, &QComboBox::currentIndexChanged, this, filter);
  reload();
}

KanbanBoardView::~KanbanBoardView() = default;

std::int64_t KanbanBoardView::nextTime() const {
  // Moves stay in time order even when the board's history runs ahead of the clock.
  return board_.moves.empty() ? now() : std::max(now(), board_.moves.back().time + 1);
}

std::string KanbanBoardView::who() const { return qEnvironmentVariable("USER", "fabkit").toStdString(); }

void KanbanBoardView::tell(const QString& message) {
  lastMessage_ = message;
  status_->setText(message);
  if (message_)
    message_(message);
  else if (!message.isEmpty())
    QMessageBox::information(this, tr("Kanban"), message);
}

void KanbanBoardView::refreshView() { reload(); }

void KanbanBoardView::reload() {
  Db db(path_.toStdString(), Db::Mode::ReadOnly);
  board_ = fab::lean::KanbanStore(db).load(boardName_.toStdString());
  // Filter choices: every owner and area on the board, keeping the current choice.
  auto fill = [](QComboBox* box, const std::set<QString>& values) {
    const QString current = box->currentData().toString();
    QSignalBlocker block(box);
    box->clear();
    box->addItem(QObject::tr("(all)"), QString());
    for (const auto& v : values) box->addItem(v, v);
    box->setCurrentIndex(std::max(0, box->findData(current)));
  };
  std::set<QString> owners, areas;
  for (const auto& c : board_.cards) {
    if (!c.owner.empty()) owners.insert(q(c.owner));
    if (!c.area.empty()) areas.insert(q(c.area));
  }
  fill(ownerFilter_, owners);
  fill(areaFilter_, areas);
  rebuildColumns();
  rebuildMetrics();
}

void KanbanBoardView::setFilters(const QString& owner, const QString& area) {
  ownerFilter_->setCurrentIndex(std::max(0, ownerFilter_->findData(owner)));
  areaFilter_->setCurrentIndex(std::max(0, areaFilter_->findData(area)));
}

void KanbanBoardView::rebuildColumns() {
  while (QLayoutItem* item = columnsLayout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  lists_.clear();
  headers_.clear();
  const QString owner = ownerFilter_->currentData().toString(), area = areaFilter_->currentData().toString();
  std::map<std::int64_t, fab::lean::Kaizen> kaizens;
  {
    Db db(path_.toStdString(), Db::Mode::ReadOnly);
    for (auto& k : fab::lean::KaizenStore(db).list()) kaizens.emplace(k.id, std::move(k));
  }
  for (const auto& column : board_.columns) {
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    const int wip = board_.wip(column.id);
    auto* header = new QLabel;
    QString text = QString("<b>%1</b> %2").arg(q(column.name).toHtmlEscaped()).arg(wip);
    QString colour = "#eceff1";
    if (column.wipLimit > 0) {
      text += QString(" / %1 %2").arg(column.wipLimit).arg(column.hardLimit ? tr("(hard)") : tr("(soft)"));
      if (wip > column.wipLimit)
        colour = "#ef9a9a";
      else if (wip == column.wipLimit)
        colour = column.hardLimit ? "#ffcc80" : "#fff59d";
    }
    header->setText(text);
    header->setStyleSheet(QString("QLabel { background: %1; padding: 6px; border-radius: 3px; }").arg(colour));
    header->setToolTip(column.wipLimit > 0 ? tr("%1 cards; WIP limit %2 (%3)")
                                                 .arg(wip)
                                                 .arg(column.wipLimit)
                                                 .arg(column.hardLimit ? tr("hard: moves over it are refused")
                                                                       : tr("soft: moves over it warn"))
                                           : tr("%1 cards; no WIP limit").arg(wip));
    auto* list = new KanbanColumnList(column.id);
    list->setMinimumWidth(125);
    for (const auto& card : board_.cards) {
      if (board_.columnOf(card.id) != column.id) continue;
      if (!owner.isEmpty() && q(card.owner) != owner) continue;
      if (!area.isEmpty() && q(card.area) != area) continue;
      QString line = QString("#%1 %2\n%3 · %4").arg(card.id).arg(q(card.title), q(card.owner), q(card.area));
      auto* item = new QListWidgetItem(line);
      item->setData(KanbanColumnList::kCardIdRole, static_cast<qlonglong>(card.id));
      QColor background(255, 255, 255);
      if (card.kaizenId) {
        const auto k = kaizens.find(*card.kaizenId);
        if (k != kaizens.end()) {
          item->setToolTip(
              tr("Kaizen %1 (%2), stage %3%4")
                  .arg(k->second.id)
                  .arg(q(std::string(fab::lean::typeName(k->second.type))))
                  .arg(q(std::string(fab::lean::stageName(k->second.stage))))
                  .arg(k->second.link ? tr(", linked to %1").arg(q(k->second.link->parameter)) : QString()));
          if (k->second.overdue(now())) background = QColor(255, 235, 238);
        }
      }
      item->setBackground(background);
      list->addItem(item);
      if (card.id == selected_) list->setCurrentItem(item);
    }
    connect(
        list, &KanbanColumnList::cardDropped, this, [this](qint64 card, qint64 to) { moveCard(card, to); },
        Qt::QueuedConnection);
    connect(list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { showCard(item->data(KanbanColumnList::kCardIdRole).toLongLong()); });
    v->addWidget(header);
    v->addWidget(list, 1);
    columnsLayout_->addWidget(box, 1);
    lists_.push_back(list);
    headers_.push_back(header);
  }
}

bool KanbanBoardView::checkingEvidence() const { return gateRunner_->busy(); }

bool KanbanBoardView::moveCard(std::int64_t cardId, std::int64_t toColumn) {
  if (board_.columnOf(cardId) == toColumn) {
    emit moveFinished(cardId, false);
    return false;
  }
  try {
    const fab::lean::KanbanCard card = board_.card(cardId);
    const fab::lean::KanbanColumn to = board_.column(toColumn);
    if (!(to.role == fab::lean::ColumnRole::Done && card.kaizenId)) return finishMove(cardId, toColumn, {});
    // Closing a kaizen needs its evidence, which reads the linked parameter: off the GUI thread.
    status_->setText(tr("Checking the evidence of “%1” before the move…").arg(q(card.title)));
    const std::string path = path_.toStdString();
    const std::int64_t kaizenId = *card.kaizenId;
    gateRunner_->start<fab::lean::EvidenceGate>(
        tr("Kaizen evidence for a move"),
        [path, kaizenId](const Feedback&) {
          Db db(path, Db::Mode::ReadOnly);
          return fab::lean::evidenceGate(db, fab::lean::KaizenStore(db).get(kaizenId));
        },
        [this, cardId, toColumn](JobOutcome<fab::lean::EvidenceGate> outcome) {
          if (outcome.value) {
            finishMove(cardId, toColumn, *outcome.value);
            return;
          }
          if (!outcome.cancelled) tell(tr("Move refused: the evidence could not be computed: %1").arg(outcome.error));
          emit moveFinished(cardId, false);
        });
  } catch (const std::exception& e) {
    tell(tr("Move refused: %1").arg(q(e.what())));
    emit moveFinished(cardId, false);
  }
  return false;
}

bool KanbanBoardView::finishMove(std::int64_t cardId, std::int64_t toColumn, fab::lean::EvidenceGate gate) {
  bool moved = false;
  try {
    Db db(path_.toStdString(), Db::Mode::ReadWrite);
    const fab::lean::KanbanCard card = board_.card(cardId);  // copies: reload() replaces the board
    const fab::lean::KanbanColumn to = board_.column(toColumn);
    if (to.role == fab::lean::ColumnRole::Done && card.kaizenId) {
      if (!(gate.computed && gate.improvementShown)) {
        const QString evidence = gate.summary.empty() ? tr("the kaizen has no SPC evidence") : q(gate.summary);
        std::optional<QString> reason;
        if (override_) {
          reason = override_(q(card.title), evidence);
        } else {
          bool ok = false;
          const QString text = QInputDialog::getMultiLineText(
              this, tr("Close without the evidence?"),
              tr("“%1”: %2.\nGive a written reason to close it anyway (it is kept with the kaizen):")
                  .arg(q(card.title), evidence),
              QString(), &ok);
          if (ok) reason = text;
        }
        if (!reason || reason->trimmed().isEmpty()) {
          tell(tr("Move cancelled: %1 stays where it is (no written override).").arg(q(card.title)));
          emit moveFinished(cardId, false);
          return false;
        }
        gate.override = reason->trimmed().toStdString();
      }
    }
    const auto result = fab::lean::KanbanStore(db).move(board_.name, cardId, to.name, who(), nextTime(), gate);
    undo_.push_back({true, cardId, {}});
    selected_ = cardId;
    reload();
    status_->setText(tr("Moved #%1 to %2").arg(cardId).arg(q(to.name)));
    lastMessage_.clear();
    if (!result.warning.empty()) tell(q(result.warning));
    showCard(cardId);
    moved = true;
  } catch (const std::exception& e) {
    tell(tr("Move refused: %1").arg(q(e.what())));
  }
  emit moveFinished(cardId, moved);
  return moved;
}

bool KanbanBoardView::undo() {
  if (undo_.empty()) {
    status_->setText(tr("Nothing to undo."));
    return false;
  }
  const UndoEntry entry = undo_.back();
  try {
    Db db(path_.toStdString(), Db::Mode::ReadWrite);
    if (entry.move)
      fab::lean::KanbanStore(db).undo(board_.name, entry.cardId, who(), nextTime());
    else
      fab::lean::KaizenStore(db).update(entry.before, who(), now());
    undo_.pop_back();
    reload();
    status_->setText(entry.move ? tr("Undid the move of #%1").arg(entry.cardId) : tr("Undid the edit of the kaizen"));
    showCard(entry.cardId);
    return true;
  } catch (const std::exception& e) {
    tell(tr("Cannot undo: %1").arg(q(e.what())));
    return false;
  }
}

bool KanbanBoardView::saveKaizen(const fab::lean::Kaizen& kaizen) {
  try {
    Db db(path_.toStdString(), Db::Mode::ReadWrite);
    fab::lean::KaizenStore store(db);
    const auto before = store.get(kaizen.id);
    if (store.update(kaizen, who(), now()) == 0) return false;
    std::int64_t cardId = selected_;
    for (const auto& c : board_.cards)
      if (c.kaizenId == kaizen.id) cardId = c.id;
    undo_.push_back({false, cardId, before});
    reload();
    showCard(cardId);
    status_->setText(tr("Saved kaizen %1").arg(kaizen.id));
    return true;
  } catch (const std::exception& e) {
    tell(tr("Cannot save: %1").arg(q(e.what())));
    return false;
  }
}

void KanbanBoardView::selectCard(std::int64_t cardId) {
  selected_ = cardId;
  rebuildColumns();
  showCard(cardId);
}

void KanbanBoardView::showCard(std::int64_t cardId) {
  selected_ = cardId;
  const auto* card = [&]() -> const fab::lean::KanbanCard* {
    for (const auto& c : board_.cards)
      if (c.id == cardId) return &c;
    return nullptr;
  }();
  wantedEvidence_ = 0;  // until a linked kaizen asks for its evidence below
  pendingEvidence_.reset();
  if (!card || !card->kaizenId) {
    editor_->clear(card ? tr("#%1 is a task, not a kaizen.").arg(cardId) : tr("Select a card."));
    evidence_->showMessage(tr("No kaizen selected."));
    return;
  }
  fab::lean::Kaizen k;
  {
    Db db(path_.toStdString(), Db::Mode::ReadOnly);
    k = fab::lean::KaizenStore(db).get(*card->kaizenId);
  }
  editor_->setKaizen(k);
  if (!k.link) {
    evidence_->showMessage(tr("Kaizen %1 has no SPC link: no evidence to compute.").arg(k.id));
    return;
  }
  evidence_->showMessage(tr("Computing the evidence of %1…").arg(q(k.link->parameter)));
  wantedEvidence_ = k.id;
  startEvidence(k);
}

void KanbanBoardView::startEvidence(const fab::lean::Kaizen& k) {
  // One evidence job at a time: a card selected while one runs is computed when it ends.
  if (runner_->busy()) {
    pendingEvidence_ = k;
    return;
  }
  pendingEvidence_.reset();
  const std::string path = path_.toStdString();
  runner_->start<std::optional<fab::lean::LinkedEvidence>>(
      tr("Kaizen evidence"),
      [path, k](const Feedback&) {
        Db db(path, Db::Mode::ReadOnly);
        return fab::lean::linkedEvidence(db, k);
      },
      [this, id = k.id](JobOutcome<std::optional<fab::lean::LinkedEvidence>> outcome) {
        if (pendingEvidence_) {  // another card was selected meanwhile: this result is stale
          const fab::lean::Kaizen next = *pendingEvidence_;
          startEvidence(next);
          return;
        }
        if (id != wantedEvidence_) return;  // the card shown now has no evidence to compute
        if (outcome.value && *outcome.value)
          evidence_->showEvidence(**outcome.value);
        else if (outcome.value)
          evidence_->showMessage(tr("Kaizen %1 has no SPC link: no evidence to compute.").arg(id));
        else
          evidence_->showMessage(tr("The evidence could not be computed: %1").arg(outcome.error));
        emit evidenceReady();
      });
}

QTableWidget* KanbanBoardView::evidenceTable() const { return evidence_->table(); }

void KanbanBoardView::showEvidencePage() { side_->setCurrentWidget(evidence_); }

void KanbanBoardView::rebuildMetrics() {
  std::int64_t from = now(), to = now();
  for (const auto& c : board_.cards) from = std::min(from, c.created);
  for (const auto& m : board_.moves) to = std::max(to, m.time);
  const auto metrics = fab::lean::flowMetrics(board_, from, to);
  cfd_->setChart(std::make_shared<chart::SeriesChartPainter>(cumulativeFlowChart(board_, metrics)));
  cycle_->setChart(std::make_shared<chart::SeriesChartPainter>(cycleTimeChart(metrics)));
  int inProgress = 0;
  double oldest = 0;
  for (const auto& c : metrics.cards)
    if (c.ageDays) {
      ++inProgress;
      oldest = std::max(oldest, *c.ageDays);
    }
  const auto& l = metrics.little;
  metricsText_->setText(
      tr("<b>Throughput</b> %1 cards/day (%2 finished) · <b>in progress</b> %3 cards, oldest %4 days<br>"
         "<b>Little's law</b>: average WIP %5 vs throughput × average cycle time %6 × %7 = %8<br><i>%9</i>")
          .arg(significant(l.throughputPerDay, 3))
          .arg(metrics.finishedInWindow)
          .arg(inProgress)
          .arg(significant(oldest, 3))
          .arg(significant(l.averageWip, 3), significant(l.throughputPerDay, 3), significant(l.averageCycleDays, 3), significant(l.predictedWip, 3),
               q(l.assumptions).toHtmlEscaped()));
}

void KanbanBoardView::showMetrics(bool metrics) { pages_->setCurrentWidget(metrics ? metricsPage_ : boardPage_); }

}  // namespace fab::ui::lean

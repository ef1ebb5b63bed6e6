#include "ui/views/history/history_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <exception>

#include "core/store/database.h"

namespace fab::ui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QTreeWidget* makeList(const QStringList& header) {
  auto* t = new QTreeWidget;
  t->setHeaderLabels(header);
  t->setRootIsDecorated(false);
  t->setAlternatingRowColors(true);
  t->setUniformRowHeights(true);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->header()->setStretchLastSection(true);
  return t;
}

QString actionWords(const std::string& action) {
  if (action == "insert") return QObject::tr("added");
  if (action == "update") return QObject::tr("changed");
  return QObject::tr("removed");
}

/// Chooses `value` in a filter combo, or its first item ("every …") when the list lacks it.
void keepChoice(QComboBox* box, const QString& value) {
  const int at = box->findData(value);
  box->setCurrentIndex(at >= 0 ? at : 0);
}

}  // namespace

QString auditedTableTitle(const QString& table) {
  if (table == "chart_config") return QObject::tr("approved limits");
  if (table == "point_note") return QObject::tr("point note");
  if (table == "spec") return QObject::tr("spec");
  if (table == "kaizen") return QObject::tr("kaizen");
  if (table == "card_move") return QObject::tr("card move");
  if (table == "import_batch") return QObject::tr("import");
  return table;
}

HistoryView::HistoryView(const QString& workspacePath, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      what_(new QComboBox),
      who_(new QComboBox),
      status_(new QLabel),
      entries_(makeList({tr("when (UTC)"), tr("who"), tr("what"), tr("action"), tr("row"), tr("change")})),
      fields_(makeList({tr("field"), tr("before"), tr("after")})) {
  what_->addItem(tr("every table"), QString());
  for (const auto& t : store::auditedTables()) what_->addItem(auditedTableTitle(q(t)), q(t));
  who_->addItem(tr("everyone"), QString());
  what_->setToolTip(tr("Only the changes to one kind of record"));
  who_->setToolTip(tr("Only the changes one user made (the database user on a server, the system user for a file)"));
  auto* refresh = new QPushButton(tr("Refresh"));

  auto* filters = new QHBoxLayout;
  filters->addWidget(new QLabel(tr("Changes to")));
  filters->addWidget(what_);
  filters->addWidget(new QLabel(tr("by")));
  filters->addWidget(who_);
  filters->addWidget(refresh);
  filters->addStretch(1);
  filters->addWidget(status_);

  entries_->setToolTip(
      tr("Every change to approved limits, point notes, specs, kaizen records, card moves and "
         "imports, newest first. Entries are written by the workspace itself and never change."));
  entries_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  entries_->header()->setStretchLastSection(true);
  fields_->setToolTip(
      tr("The fields of the selected change: an update's changed fields, or the whole row added or "
         "removed"));
  fields_->setWordWrap(true);
  fields_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the value columns share the width and wrap
  fields_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  fields_->header()->setSectionResizeMode(1, QHeaderView::Stretch);
  fields_->header()->setSectionResizeMode(2, QHeaderView::Stretch);

  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(entries_);
  split->addWidget(fields_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(split, 1);

  connect(what_, &QComboBox::currentIndexChanged, this, &HistoryView::load);
  connect(who_, &QComboBox::currentIndexChanged, this, &HistoryView::load);
  connect(refresh, &QPushButton::clicked, this, &HistoryView::load);
  connect(entries_, &QTreeWidget::currentItemChanged, this, &HistoryView::showFields);
  load();
}

void HistoryView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  try {
    load();  // limits approved or a card moved in another tab meanwhile
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot read the history: %1").arg(QString::fromStdString(e.what())));
  }
}

void HistoryView::load() {
  store::AuditFilter filter;
  filter.limit = kShown;
  if (const auto what = what_->currentData().toString(); !what.isEmpty()) filter.what = what.toStdString();
  if (const auto who = who_->currentData().toString(); !who.isEmpty()) filter.who = who.toStdString();
  store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
  const auto trail = store::readAuditTrail(db, filter);

  // The users who appear in the trail, the chosen one kept.
  const QString chosen = who_->currentData().toString();
  {
    const QSignalBlocker quiet(who_);
    who_->clear();
    who_->addItem(tr("everyone"), QString());
    for (const auto& name : store::auditAuthors(db)) who_->addItem(q(name), q(name));
    keepChoice(who_, chosen);
  }

  const qint64 selected = entries_->currentItem() ? entries_->currentItem()->data(0, Qt::UserRole).toLongLong() : 0;
  shown_ = trail.entries;
  {
    const QSignalBlocker quiet(entries_);
    entries_->clear();
    QList<QTreeWidgetItem*> rows;
    for (const auto& e : shown_) {
      const auto when = QDateTime::fromMSecsSinceEpoch(e.at, Qt::UTC).toString("yyyy-MM-dd hh:mm:ss");
      auto* row = new QTreeWidgetItem({when, q(e.who), auditedTableTitle(q(e.what)), actionWords(e.action), q(e.key),
                                       q(store::changeSummary(e, 160))});
      row->setData(0, Qt::UserRole, static_cast<qlonglong>(e.id));
      row->setToolTip(5, q(store::changeSummary(e)));
      rows << row;
    }
    entries_->addTopLevelItems(rows);
    for (auto* row : rows)
      if (row->data(0, Qt::UserRole).toLongLong() == selected) entries_->setCurrentItem(row);
    if (!entries_->currentItem() && !rows.isEmpty()) entries_->setCurrentItem(rows.front());
  }
  status_->setText(shown_.empty()    ? tr("no changes recorded")
                   : trail.truncated ? tr("the newest %1 changes").arg(shown_.size())
                                     : tr("%n change(s)", nullptr, static_cast<int>(shown_.size())));
  showFields();
}

void HistoryView::showFields() {
  fields_->clear();
  const auto* current = entries_->currentItem();
  if (!current) return;
  const int index = entries_->indexOfTopLevelItem(const_cast<QTreeWidgetItem*>(current));
  if (index < 0 || index >= static_cast<int>(shown_.size())) return;
  const auto& entry = shown_[static_cast<std::size_t>(index)];
  // An added row has no "before", a removed one no "after".
  fields_->setColumnHidden(1, !entry.before);
  fields_->setColumnHidden(2, !entry.after);
  const auto text = [](const std::string& field, const std::string& json) {
    return json.empty() || json == "null" ? QStringLiteral("—") : q(store::fieldText(field, json));
  };
  for (const auto& c : store::changedFields(entry)) {
    auto* row = new QTreeWidgetItem({q(c.field), text(c.field, c.before), text(c.field, c.after)});
    for (int col = 1; col < 3; ++col) row->setToolTip(col, row->text(col));
    fields_->addTopLevelItem(row);
  }
}

}  // namespace fab::ui

#include "ui/views/lean/kanban_column_list.h"

#include <QDragEnterEvent>
#include <QMimeData>

namespace fab::ui::lean {
namespace {
constexpr const char* kMime = "application/x-fabkit-kanban-card";
}

KanbanColumnList::KanbanColumnList(std::int64_t columnId, QWidget* parent) : QListWidget(parent), columnId_(columnId) {
  setDragEnabled(true);
  setAcceptDrops(true);
  setDropIndicatorShown(true);
  setDragDropMode(QAbstractItemView::DragDrop);
  // Copy: the source keeps its item; the board rebuilds every column after a move.
  setDefaultDropAction(Qt::CopyAction);
  setWordWrap(true);
  setSpacing(3);
  setSelectionMode(QAbstractItemView::SingleSelection);
}

QStringList KanbanColumnList::mimeTypes() const { return {kMime}; }

QMimeData* KanbanColumnList::mimeData(const QList<QListWidgetItem*>& items) const {
  if (items.isEmpty()) return nullptr;
  auto* data = new QMimeData;
  data->setData(kMime, QByteArray::number(items.front()->data(kCardIdRole).toLongLong()));
  return data;
}

void KanbanColumnList::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kMime)) event->acceptProposedAction();
}

void KanbanColumnList::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(kMime)) event->acceptProposedAction();
}

void KanbanColumnList::dropEvent(QDropEvent* event) {
  if (!event->mimeData()->hasFormat(kMime)) return;
  const qint64 card = event->mimeData()->data(kMime).toLongLong();
  event->setDropAction(Qt::CopyAction);
  event->accept();
  emit cardDropped(card, columnId_);
}

}  // namespace fab::ui::lean

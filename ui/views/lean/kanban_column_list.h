#pragma once
// One column of the kanban board: a list of cards that can be dragged to
// another column. A drop only reports the card; the board decides the move.
#include <QListWidget>

namespace fab::ui::lean {

class KanbanColumnList : public QListWidget {
  Q_OBJECT
 public:
  static constexpr int kCardIdRole = Qt::UserRole + 1;

  KanbanColumnList(std::int64_t columnId, QWidget* parent = nullptr);
  std::int64_t columnId() const { return columnId_; }

 signals:
  void cardDropped(qint64 cardId, qint64 columnId);

 protected:
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  std::int64_t columnId_;
};

}  // namespace fab::ui::lean

#pragma once
// A layout that places its items left to right and wraps to a new row when the
// width runs out, so a view's controls stay reachable on a narrow screen
// (1280 px with the navigator open) instead of forcing the window wider.
#include <QLayout>
#include <QList>

namespace fab::ui {

class FlowLayout : public QLayout {
 public:
  explicit FlowLayout(QWidget* parent = nullptr, int horizontalSpacing = 12, int verticalSpacing = 4);
  ~FlowLayout() override;

  /// Adds `field` preceded by a label (when `label` is not empty), kept together on one row.
  void addField(const QString& label, QWidget* field);

  void addItem(QLayoutItem* item) override;
  int count() const override { return static_cast<int>(items_.size()); }
  QLayoutItem* itemAt(int index) const override { return items_.value(index); }
  QLayoutItem* takeAt(int index) override;
  Qt::Orientations expandingDirections() const override { return {}; }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize minimumSize() const override;
  QSize sizeHint() const override;
  void setGeometry(const QRect& rect) override;

 private:
  /// Places the items in `rect` (only measures when `apply` is false); returns the height used.
  int arrange(const QRect& rect, bool apply) const;

  QList<QLayoutItem*> items_;
  int hSpacing_, vSpacing_;
};

}  // namespace fab::ui

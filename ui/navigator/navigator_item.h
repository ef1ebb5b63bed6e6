#pragma once
// What the workspace navigator names: an import batch, a lot, a parameter or
// a product; and the analyses opened on them or from the View menu (a
// parameter's Kalman level, the yield calculator, a kanban board). Views are
// opened for items (see ViewFactory).
#include <QMetaType>
#include <QString>

namespace fab::ui {

struct NavigatorItem {
  enum class Kind { Batch, Lot, Parameter, Product, KalmanLevel, YieldCalculator, KanbanBoard };
  Kind kind = Kind::Parameter;
  QString name;   ///< lot, parameter, product or board name; the batch's source file
  qint64 id = 0;  ///< batch id
  /// Identifies the item's view, so opening it twice focuses the open tab.
  QString key() const { return QString::number(static_cast<int>(kind)) + ':' + (kind == Kind::Batch ? QString::number(id) : name); }
};

}  // namespace fab::ui

Q_DECLARE_METATYPE(fab::ui::NavigatorItem)

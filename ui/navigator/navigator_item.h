#pragma once
// What the workspace navigator names: an import batch, a lot, a parameter,
// a product or a gauge study; and the analyses opened on them or from the View
// menu (a lot's wafer maps, a parameter's Kalman level, the yield calculator,
// a kanban board, the wafer-pattern classifier, a lot's overlay model,
// the multivariate T² chart, the workspace overview, its history of changes). Views are opened for items (see ViewFactory).
#include <QMetaType>
#include <QString>

namespace fab::ui {

struct NavigatorItem {
  enum class Kind {
    Batch,
    Lot,
    Parameter,
    Product,
    GaugeStudy,
    WaferMap,
    KalmanLevel,
    YieldCalculator,
    KanbanBoard,
    Classifier,
    Overlay,
    Multivariate,
    Overview,
    History
  };
  Kind kind = Kind::Parameter;
  QString name;   ///< lot (also of a wafer map), parameter, product or board name; the batch's source file
  qint64 id = 0;  ///< batch id; gauge study: the kind of a new one (0 attribute, 1 variables)
  /// Identifies the item's view, so opening it twice focuses the open tab.
  QString key() const {
    return QString::number(static_cast<int>(kind)) + ':' + (kind == Kind::Batch ? QString::number(id) : name);
  }
};

}  // namespace fab::ui

Q_DECLARE_METATYPE(fab::ui::NavigatorItem)

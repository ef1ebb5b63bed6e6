#pragma once
// A confusion matrix as a heat map: rows are the true classes, columns the
// predicted ones, each cell shaded by its share of the row (the row's recall
// on the diagonal) with its count written in it; class names label the rows
// (left) and the columns (below), each row's total is written at its right.
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "ui/chart/chart_painter.h"

namespace fab::ui::chart {

struct ConfusionMatrixModel {
  QString title;
  QStringList classes;                   ///< row and column names, in class order
  std::vector<std::vector<int>> counts;  ///< counts[true][predicted], classes.size() square
  QString rowLabel = "true class";
  QString columnLabel = "predicted class";
};

class ConfusionMatrixPainter : public ChartPainter {
 public:
  static constexpr int kHitCell = 1;  ///< ChartHit::kind; index = row · classes + column

  /// Throws fab::Error when counts is not square with one row per class.
  explicit ConfusionMatrixPainter(std::shared_ptr<const ConfusionMatrixModel> model);

  const ConfusionMatrixModel& model() const { return *model_; }
  void paint(QPainter& painter, const QRectF& rect) const override;
  /// Data x = column (0…n from the left), data y = n − row (row 0 at the top).
  PlotTransform transform(const QRectF& rect) const override;
  DataRange fullRange() const override;
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;

  /// Where cell (row, column) is drawn in `rect`.
  QRectF cellRect(const QRectF& rect, int row, int column) const;
  /// The cell's count over its row's total (0 for an empty row).
  double rowShare(int row, int column) const;
  /// The fill of a cell: white for a share of 0 to kFullColour for 1, linear in each channel.
  QColor cellColour(int row, int column) const;
  static QColor shareColour(double share);
  static QColor fullColour() { return {8, 69, 148}; }

 private:
  int classCount() const { return static_cast<int>(model_->classes.size()); }
  std::shared_ptr<const ConfusionMatrixModel> model_;
  std::vector<int> rowTotals_;
};

}  // namespace fab::ui::chart

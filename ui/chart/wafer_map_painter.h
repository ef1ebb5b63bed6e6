#pragma once
// Draws a WaferMapModel: wafer disk, notch, edge-exclusion ring, die grid
// coloured by bin (or pass/fail) with a legend of counts, and defect dots
// sized by defect size and coloured by class (or cluster), a die heat map
// (stacked wafers) and a translucent density grid. Zoom keeps the aspect ratio.
#include <map>
#include <memory>
#include <unordered_map>

#include "ui/chart/chart_painter.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::chart {

class WaferMapPainter : public ChartPainter {
 public:
  static constexpr int kHitDie = 1;             ///< ChartHit::kind; index into dies
  static constexpr int kHitDefect = 2;          ///< ChartHit::kind; index into defects
  static constexpr double kMinDotRadius = 2.5;  ///< pixels, for the smallest or unsized defects

  explicit WaferMapPainter(std::shared_ptr<const WaferMapModel> model);

  const WaferMapModel& model() const { return *model_; }
  void paint(QPainter& painter, const QRectF& rect) const override;
  PlotTransform transform(const QRectF& rect) const override;
  DataRange fullRange() const override;
  /// A defect dot within `maxDistance` pixels, else the die under the cursor.
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;
  bool keepsAspectRatio() const override { return true; }

  /// Centre of die (i, j) in wafer millimetres.
  QPointF dieCentre(int i, int j) const;
  /// The colour a die is filled with.
  QColor dieColour(const WaferMapModel::Die& die) const;
  QColor classColour(int defectClass) const;
  /// Dot radius in pixels for a defect size in micrometres.
  static double dotRadius(double sizeUm);

 private:
  struct LegendItem {
    QColor colour;
    QString text;
    bool dot = false;
  };
  std::vector<LegendItem> legendItems() const;
  double legendWidth() const;
  void paintWafer(QPainter& painter, const PlotTransform& t) const;
  void paintDies(QPainter& painter, const PlotTransform& t) const;
  void paintDensity(QPainter& painter, const PlotTransform& t) const;
  void paintDefects(QPainter& painter, const PlotTransform& t) const;
  void paintLegend(QPainter& painter, const QRectF& area) const;

  std::shared_ptr<const WaferMapModel> model_;
  double centreDieX_ = 0, centreDieY_ = 0;
  std::map<int, QColor> failColours_;                       ///< failing bins present, coloured in bin order
  std::unordered_map<std::int64_t, std::size_t> dieIndex_;  ///< (x, y) key → index in dies
};

}  // namespace fab::ui::chart

#pragma once
// The dies-per-wafer drawing: the wafer outline (notch, edge-exclusion ring
// shaded) with the die grid of one die size and scribe, complete dies filled
// and partial or edge-excluded dies outlined, and beside it the counts and
// estimates the model names (which estimate is which, docs/ARCHITECTURE.md §4). The numbers
// come computed in the model; the painter only draws them. With
// ChartStyle::fixedMargins the wafer fills the area and the panel is left out
// (pixel tests pin the map that way).
#include <QColor>
#include <QString>

#include <memory>
#include <vector>

#include "ui/chart/chart_painter.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::chart {

struct DiesPerWaferModel {
  /// A die of the grid that touches the wafer, centred at (xMm, yMm) in the view.
  struct Die {
    double xMm = 0, yMm = 0;
    bool complete = false;  ///< inside the usable radius: filled; otherwise outlined
  };
  /// A line of the panel beside the wafer: "label ....... value".
  struct Fact {
    QString label;
    QString value;
    bool heading = false;  ///< a section title (bold, no value)
  };

  QString title;
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  WaferMapModel::Notch notch = WaferMapModel::Notch::Down;
  double dieWidthMm = 10, dieHeightMm = 10;  ///< die without scribe: the rectangle drawn
  std::vector<Die> dies;
  QString completeLabel = "complete dies";
  QString partialLabel = "partial or edge-excluded";
  std::vector<Fact> facts;
};

class DiesPerWaferPainter : public ChartPainter {
 public:
  static constexpr int kHitDie = 1;  ///< ChartHit::kind; index into dies
  static inline const QColor kComplete{52, 120, 190};
  static inline const QColor kPartialEdge{205, 110, 40};

  explicit DiesPerWaferPainter(std::shared_ptr<const DiesPerWaferModel> model);

  const DiesPerWaferModel& model() const { return *model_; }
  void paint(QPainter& painter, const QRectF& rect) const override;
  PlotTransform transform(const QRectF& rect) const override;
  DataRange fullRange() const override;
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;
  bool keepsAspectRatio() const override { return true; }

 private:
  double panelWidth() const;
  void paintDies(QPainter& painter, const PlotTransform& t) const;
  void paintPanel(QPainter& painter, const QRectF& area) const;

  std::shared_ptr<const DiesPerWaferModel> model_;
  std::size_t complete_ = 0;
};

}  // namespace fab::ui::chart

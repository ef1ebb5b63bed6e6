#pragma once
// The wafer outline every wafer drawing of the chart layer shares: a round
// wafer (no flat) with its notch, filled, and the edge-exclusion ring dashed.
// Millimetres in the view the transform maps (origin at the wafer centre, y up).
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <limits>

#include "ui/chart/plot_transform.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::chart {

struct WaferOutline {
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  WaferMapModel::Notch notch = WaferMapModel::Notch::Down;
  /// Radius of the notch's cut (mm); NaN = kNotchRadiusShare of the diameter.
  double notchRadiusMm = std::numeric_limits<double>::quiet_NaN();

  static constexpr double kNotchRadiusShare = 0.018;  ///< notch radius as a share of the diameter (drawn size)
  static inline const QColor kEdge{90, 90, 90};
  static inline const QColor kFill{236, 236, 236};

  /// Centre of the notch's half-disc cut, on the wafer's edge (mm).
  QPointF notchCentre() const;
  /// The wafer disc less the notch, in pixels.
  QPainterPath waferPath(const PlotTransform& t) const;
  /// The ring between the wafer's edge and the edge exclusion, in pixels (empty without exclusion).
  QPainterPath exclusionRing(const PlotTransform& t) const;
  /// Fills the wafer, strokes its edge and draws the edge-exclusion circle dashed.
  void paint(QPainter& painter, const PlotTransform& t) const;
};

}  // namespace fab::ui::chart

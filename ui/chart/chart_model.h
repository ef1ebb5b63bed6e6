#pragma once
// The data a series chart draws: points, stair-step limit lines, zone bands,
// phase splits and annotations, as plain structs. Built once from an
// analysis result (the chart never computes statistics), drawn many times.
#include <QColor>
#include <QString>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace fab::ui::chart {

/// Bits of ChartPoint::flags.
enum PointFlag : std::uint8_t {
  kFlagNone = 0,
  kFlagViolation = 1,    ///< broke a rule: filled marker in the violation colour
  kFlagExcluded = 2,     ///< excluded from the limits: hollow grey marker
  kFlagHighlighted = 4,  ///< selected: ringed
};

struct ChartPoint {
  double x = 0, y = 0;    ///< data units; NaN y = no value (skipped)
  std::int64_t row = -1;  ///< the input row behind the point, for tooltips and selection
  std::uint8_t flags = kFlagNone;
};

struct Series {
  QString name;
  QColor color;                    ///< invalid = next palette colour
  std::vector<ChartPoint> points;  ///< in drawing order; long series should be sorted by x
  bool drawLine = true;
  bool drawMarkers = true;
  double markerRadius = 3;  ///< pixels
};

/// A horizontal line that may change level along x: a centre line, a control
/// or spec limit, constant or per point (varying subgroup size, phases).
struct StepLine {
  struct Step {
    double x0 = 0, x1 = 0, y = 0;  ///< y NaN = no line over [x0, x1]
  };
  QString label;  ///< drawn right of the plot with the last level ("UCL 10.31")
  QColor color{214, 39, 40};
  Qt::PenStyle style = Qt::DashLine;
  double width = 1.2;
  std::vector<Step> steps;  ///< ascending x, not overlapping

  /// One level over [x0, x1].
  static StepLine constant(const QString& label, double x0, double x1, double y, QColor color = {214, 39, 40},
                           Qt::PenStyle style = Qt::DashLine);
  /// A level per point: the step of point i spans halfway to its neighbours
  /// (and as far again past the first and last point), so a limit that changes
  /// with the subgroup size is drawn as a staircase centred on its points.
  static StepLine perPoint(const QString& label, std::span<const double> x, std::span<const double> y,
                           QColor color = {214, 39, 40}, Qt::PenStyle style = Qt::DashLine);
};

/// A shaded band, e.g. the A/B/C zones between the centre line and a limit.
struct ZoneBand {
  double x0 = -std::numeric_limits<double>::infinity();  ///< ±infinity = the whole visible width
  double x1 = std::numeric_limits<double>::infinity();
  double y0 = 0, y1 = 0;
  QColor fill{0, 0, 0, 20};
  QString label;  ///< drawn at the band's left edge when it fits
};

/// A vertical line where a new phase (new limits) begins.
struct PhaseSplit {
  double x = 0;
  QString label;  ///< names the phase starting at x
};

struct Annotation {
  double x = 0, y = 0;
  QString text;
  QColor color{30, 30, 30};
};

enum class AxisKind { Number, Time };  ///< Time: milliseconds since 1970 UTC

struct AxisSpec {
  QString label;
  AxisKind kind = AxisKind::Number;
  std::optional<double> min, max;  ///< fixed range; unset = from the data with 5 % padding
  /// Tick label text instead of the number (e.g. sample index → lot name).
  std::function<QString(double)> format;
  /// Ticks at these values instead of nice numbers (e.g. one per category of a
  /// bar chart); every k-th is kept when their labels would overlap.
  std::vector<double> ticks;
};

struct ChartModel {
  QString title;
  AxisSpec xAxis, yAxis;
  std::vector<ZoneBand> zones;
  std::vector<StepLine> limits;
  std::vector<Series> series;
  std::vector<PhaseSplit> phases;
  std::vector<Annotation> annotations;
  bool legend = true;  ///< series names under the title (when any series is named)
};

}  // namespace fab::ui::chart

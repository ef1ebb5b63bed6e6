#pragma once
// What a wafer map draws: the wafer outline with notch and edge exclusion,
// the die grid coloured by bin or pass/fail, and defect dots. Millimetres in
// the wafer frame: origin at the wafer centre, x right, y up (notch down
// unless stated), the frame every wafer-map computation of fabkit uses.
#include <QColor>
#include <QString>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace fab::ui::chart {

struct WaferMapModel {
  enum class Notch { Down, Up, Left, Right };
  /// Heat: each die's `value` in [0, 1] on a white → red ramp (e.g. the fail
  /// frequency of a stack of wafers), legend in percent.
  enum class Colouring { Bin, PassFail, Heat };

  struct Die {
    int x = 0, y = 0;  ///< die index in the product's die frame (y counts up)
    int bin = 0;
    bool pass = false;
    std::int64_t row = -1;
    bool tested = true;     ///< false: a grid die without a sort result, drawn grey and left out of the counts
    bool inspected = true;  ///< false: outside the inspection's sample test plan, drawn hatched
    double value = std::numeric_limits<double>::quiet_NaN();  ///< Colouring::Heat; NaN = no value (grey)
  };
  struct Defect {
    double xMm = 0, yMm = 0;
    double sizeUm = std::numeric_limits<double>::quiet_NaN();  ///< dot radius grows with size; NaN = smallest dot
    int defectClass = 0;                                       ///< dot colour
    std::int64_t row = -1;
  };

  QString title;
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  Notch notch = Notch::Down;
  double dieWidthMm = 10, dieHeightMm = 10;
  /// Die (i, j) is centred at ((i − centreDieX)·dieWidthMm, (j − centreDieY)·dieHeightMm).
  /// Unset: the middle of the dies' index range, so the grid sits centred.
  std::optional<double> centreDieX, centreDieY;
  std::vector<Die> dies;
  std::vector<Defect> defects;
  Colouring colouring = Colouring::Bin;
  std::map<int, QColor> binColours;    ///< overrides the default bin colours
  std::map<int, QString> binNames;     ///< legend text per bin ("open", "short"…)
  std::map<int, QColor> classColours;  ///< overrides the default defect class colours
  std::map<int, QString> classNames;   ///< legend text per defect class ("cluster 1", "noise"…)
  QString heatLabel = "fail";          ///< legend title of Colouring::Heat
  /// A density drawn translucent over the dies (e.g. a kernel density
  /// estimate): values[j·nx + i] at node (x0Mm + i·dxMm, y0Mm + j·dyMm), any unit.
  struct Density {
    int nx = 0, ny = 0;
    double x0Mm = 0, y0Mm = 0, dxMm = 1, dyMm = 1;
    std::vector<double> values;
  };
  std::optional<Density> density;
  bool legend = true;
};

}  // namespace fab::ui::chart

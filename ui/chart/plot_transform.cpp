#include "ui/chart/plot_transform.h"

#include <cmath>

namespace fab::ui::chart {

bool DataRange::isValid() const {
  return std::isfinite(xMin) && std::isfinite(xMax) && std::isfinite(yMin) && std::isfinite(yMax) && xMax > xMin &&
         yMax > yMin;
}

DataRange DataRange::zoomed(double factorX, double factorY, double anchorX, double anchorY) const {
  return {anchorX - (anchorX - xMin) * factorX, anchorX + (xMax - anchorX) * factorX,
          anchorY - (anchorY - yMin) * factorY, anchorY + (yMax - anchorY) * factorY};
}

}  // namespace fab::ui::chart

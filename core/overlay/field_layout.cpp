#include "core/overlay/field_layout.h"

#include <cmath>

#include "core/common/error.h"
#include "core/store/dies.h"
#include "core/wafer/wafer_layout.h"

namespace fab::overlay {

void FieldLayout::validate() const {
  if (!(std::isfinite(widthMm) && widthMm > 0 && std::isfinite(heightMm) && heightMm > 0))
    throw Error("the exposure field size must be positive (got " + std::to_string(widthMm) + " × " +
                std::to_string(heightMm) + " mm)");
  if (!std::isfinite(cornerXMm) || !std::isfinite(cornerYMm)) throw Error("the field grid corner must be finite");
}

wafer::WaferPoint FieldLayout::fieldPosition(wafer::WaferPoint p) const {
  const auto v = wafer::toView(notch, p);
  const double cx = cornerXMm + widthMm * (std::floor((v.x - cornerXMm) / widthMm) + 0.5);
  const double cy = cornerYMm + heightMm * (std::floor((v.y - cornerYMm) / heightMm) + 0.5);
  return wafer::fromView(notch, {v.x - cx, v.y - cy});  // a rotation: offsets turn like points
}

FieldLayout fieldLayoutOfProduct(const store::Product& product, double maxWidthMm, double maxHeightMm) {
  const auto layout = wafer::layoutFromProduct(product);
  const double px = layout.pitchXUm() / 1000, py = layout.pitchYUm() / 1000;
  const double nx = std::floor(maxWidthMm / px + 1e-9), ny = std::floor(maxHeightMm / py + 1e-9);
  if (nx < 1 || ny < 1)
    throw Error("product " + product.name + ": its die pitch (" + std::to_string(px) + " × " + std::to_string(py) +
                " mm) does not fit the " + std::to_string(maxWidthMm) + " × " + std::to_string(maxHeightMm) +
                " mm exposure field");
  FieldLayout f;
  f.notch = layout.notch;
  f.widthMm = nx * px;
  f.heightMm = ny * py;
  f.cornerXMm = layout.gridOffsetXUm / 1000 - px / 2;
  f.cornerYMm = layout.gridOffsetYUm / 1000 - py / 2;
  return f;
}

}  // namespace fab::overlay

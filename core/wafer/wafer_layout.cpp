#include "core/wafer/wafer_layout.h"

#include <cctype>
#include <cmath>

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::wafer {

std::string_view notchName(Notch notch) {
  switch (notch) {
    case Notch::Down:
      return "down";
    case Notch::Right:
      return "right";
    case Notch::Up:
      return "up";
    case Notch::Left:
      return "left";
  }
  return "down";
}

Notch notchFromName(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "down" || lower == "bottom") return Notch::Down;
  if (lower == "up" || lower == "top") return Notch::Up;
  if (lower == "left") return Notch::Left;
  if (lower == "right") return Notch::Right;
  throw Error("expected the notch as down, up, left or right, found '" + std::string(name) + "'");
}

void WaferLayout::validate() const {
  auto positive = [](double v, const char* what) {
    if (!(std::isfinite(v) && v > 0))
      throw Error(std::string(what) + " must be a positive number, got " + std::to_string(v));
  };
  positive(diameterMm, "the wafer diameter (mm)");
  positive(dieWidthUm, "the die width (µm)");
  positive(dieHeightUm, "the die height (µm)");
  if (!(std::isfinite(scribeUm) && scribeUm >= 0)) throw Error("the scribe width (µm) must be zero or positive");
  if (!(std::isfinite(edgeExclusionMm) && edgeExclusionMm >= 0))
    throw Error("the edge exclusion (mm) must be zero or positive");
  if (edgeExclusionMm >= diameterMm / 2)
    throw Error("an edge exclusion of " + std::to_string(edgeExclusionMm) + " mm leaves nothing of a " +
                std::to_string(diameterMm) + " mm wafer");
  if (!std::isfinite(gridOffsetXUm) || !std::isfinite(gridOffsetYUm)) throw Error("the die grid offset must be finite");
  if (std::hypot(dieWidthUm, dieHeightUm) > 2 * usableRadiusUm())
    throw Error("a die of " + std::to_string(dieWidthUm / 1000) + " x " + std::to_string(dieHeightUm / 1000) +
                " mm does not fit inside the usable wafer");
}

WaferLayout layoutFromProduct(const store::Product& product) {
  if (!(product.dieWidthUm > 0) || !(product.dieHeightUm > 0))
    throw Error("product '" + product.name + "' has no die size: import its layout (die_width_um, die_height_um)");
  WaferLayout layout;
  layout.diameterMm = product.waferDiameterMm;
  layout.edgeExclusionMm = product.edgeExclusionMm;
  layout.dieWidthUm = product.dieWidthUm;
  layout.dieHeightUm = product.dieHeightUm;
  layout.scribeUm = product.scribeUm;
  layout.notch = notchFromName(product.notch);
  layout.originDieX = product.originDieX;
  layout.originDieY = product.originDieY;
  layout.yUp = product.yUp;
  layout.gridOffsetXUm = product.gridOffsetXUm;
  layout.gridOffsetYUm = product.gridOffsetYUm;
  layout.validate();
  return layout;
}

}  // namespace fab::wafer

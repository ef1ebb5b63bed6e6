#pragma once
// Where an overlay site sits in its exposure field. The fields of a product
// tile the wafer in a grid of whole dies: the field is the largest block of
// die pitches that fits the scanner's field (26 × 33 mm unless told
// otherwise), and the field grid is aligned with the die grid so that the
// lower-left corner of the origin die's cell is a field corner
// (docs/ARCHITECTURE.md §3 "Overlay and exposure fields"). No table stores
// the fields: they follow from the product's die size, scribe and origin.
#include "core/wafer/die_frame.h"

namespace fab::store {
struct Product;
}

namespace fab::overlay {

struct FieldLayout {
  wafer::Notch notch = wafer::Notch::Down;  ///< the product's view, in which the grid below is laid out
  double widthMm = 26, heightMm = 33;       ///< along the view's x and y
  double cornerXMm = 0, cornerYMm = 0;      ///< a field corner, in the view, mm from the wafer centre
  void validate() const;                    ///< throws fab::Error for a non-positive or non-finite size

  /// The offset of a wafer-frame point (mm) from the centre of the field
  /// that holds it, in the wafer frame (the frame of the overlay errors).
  wafer::WaferPoint fieldPosition(wafer::WaferPoint waferFrameMm) const;
};

/// The product's field layout: n × m die pitches with n = ⌊maxWidth/pitchX⌋,
/// m = ⌊maxHeight/pitchY⌋. Throws fab::Error when the product has no die
/// size or a die larger than the field.
FieldLayout fieldLayoutOfProduct(const store::Product& product, double maxWidthMm = 26, double maxHeightMm = 33);

}  // namespace fab::overlay

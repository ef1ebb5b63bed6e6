#pragma once
// A product's wafer layout: wafer size, edge exclusion, notch, die size and
// scribe, and how the die grid is numbered and placed.
//
// Frames used throughout fabkit (docs/ARCHITECTURE.md §4 "Coordinate frames"):
//  - the *wafer frame*: micrometres, origin at the wafer centre, x to the
//    right, y up, the wafer seen from the front with its notch DOWN. Defect
//    positions are stored in this frame.
//  - a *view*: the wafer frame turned by quarter turns so that the notch sits
//    where a source (product, KLARF, sort map) draws it.
//  - the *product's die frame*: the product's view, cut into a grid of cells
//    of one die pitch (die + scribe); die column x grows to the right, die row
//    y grows up (yUp) or down, and the origin die (originDieX, originDieY) has
//    its cell centred at (gridOffsetXUm, gridOffsetYUm) from the wafer centre.
#include <string>
#include <string_view>

namespace fab::store {
struct Product;
}

namespace fab::wafer {

/// Where the notch (or flat) is seen in a view.
enum class Notch { Down, Right, Up, Left };
std::string_view notchName(Notch notch);
/// "down", "up", "left", "right" (any case; "bottom"/"top" accepted); throws fab::Error otherwise.
Notch notchFromName(std::string_view name);

struct WaferLayout {
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  double dieWidthUm = 0;   ///< die size without scribe, along the view's x
  double dieHeightUm = 0;  ///< along the view's y
  double scribeUm = 0;     ///< street width; the pitch is die + scribe
  Notch notch = Notch::Down;
  int originDieX = 0, originDieY = 0;
  bool yUp = true;
  /// Centre of the origin die's cell, from the wafer centre, in the product view (µm).
  double gridOffsetXUm = 0, gridOffsetYUm = 0;

  double pitchXUm() const { return dieWidthUm + scribeUm; }
  double pitchYUm() const { return dieHeightUm + scribeUm; }
  double radiusUm() const { return diameterMm * 500.0; }
  /// Radius inside the edge exclusion, µm.
  double usableRadiusUm() const { return (diameterMm / 2 - edgeExclusionMm) * 1000.0; }

  /// Throws fab::Error naming the first bad field (non-positive sizes, an edge
  /// exclusion that leaves no usable wafer, a die larger than the wafer…).
  void validate() const;
};

/// The layout of a product record (its origin die's cell centred at the
/// product's grid offset). Throws fab::Error when the product has no die size.
WaferLayout layoutFromProduct(const store::Product& product);

}  // namespace fab::wafer

#pragma once
// THE die-frame conversion (docs/ARCHITECTURE.md §4 "Coordinate frames"): every source of
// die indices or positions (the product layout, a KLARF file, a prober sort
// map) is described by a DieFrame, and positions and die indices move between
// them only through the functions of this file.
//
// A DieFrame is a view of the wafer (the wafer frame turned so that the notch
// sits at `notch`) cut into cells of one pitch; die column x grows to the
// right, die row y grows up (yUp) or down, and the cell of die (0, 0) is
// centred at (die0XUm, die0YUm) in that view. Offsets inside a die are
// measured from the cell's lower-left corner in the frame's view (x right, y up).
#include <optional>

#include "core/wafer/wafer_layout.h"

namespace fab::wafer {

/// A position in micrometres from the wafer centre, y up.
struct WaferPoint {
  double x = 0, y = 0;
};

struct DieIndex {
  int x = 0, y = 0;
  friend bool operator==(const DieIndex&, const DieIndex&) = default;
  friend auto operator<=>(const DieIndex&, const DieIndex&) = default;
};

/// The wafer-frame point (notch down) as seen in the view whose notch is at `notch`.
WaferPoint toView(Notch notch, WaferPoint waferFramePoint);
/// The inverse of toView.
WaferPoint fromView(Notch notch, WaferPoint viewPoint);
/// Quarter turns (counter-clockwise) from the wafer frame to the view.
int quarterTurns(Notch notch);

struct DieFrame {
  Notch notch = Notch::Down;
  bool yUp = true;
  double pitchXUm = 0, pitchYUm = 0;  ///< along the view's x and y
  double die0XUm = 0, die0YUm = 0;    ///< centre of the cell of die (0, 0), in the view
};

struct DieLocation {
  DieIndex die;
  double offsetXUm = 0, offsetYUm = 0;  ///< from the cell's lower-left corner, in the frame's view
};

/// Centre of a die's cell in the frame's view.
WaferPoint cellCentreInView(const DieFrame& frame, DieIndex die);
/// Centre of a die's cell in the wafer frame.
WaferPoint dieCentre(const DieFrame& frame, DieIndex die);
/// The die holding a wafer-frame point, and the point's offset in it.
DieLocation locate(const DieFrame& frame, WaferPoint waferFramePoint);
/// The wafer-frame point at an offset inside a die (inverse of locate).
WaferPoint waferPosition(const DieFrame& frame, const DieLocation& location);
/// The index, in `to`, of the die numbered `die` in `from` (the die whose cell
/// holds the centre of `from`'s cell). Both frames must describe the same
/// physical grid for the result to be meaningful.
DieIndex convertDie(const DieFrame& from, const DieFrame& to, DieIndex die);

/// The product's die frame.
DieFrame productDieFrame(const WaferLayout& layout);

/// The same physical grid as `reference`, numbered by another source: seen with
/// its notch at `notch`, rows counting up or down, and the die that
/// `reference` numbers `referenceDie` numbered `itsIndex`. A prober sort map
/// counting rows down from the top-left with the notch up is
/// `renumberedFrame(product, Notch::Up, false, someDie, itsIndexInTheMap)`.
DieFrame renumberedFrame(const DieFrame& reference, Notch notch, bool yUp, DieIndex referenceDie, DieIndex itsIndex);

/// How a die map from another source (a prober sort map) numbers the product's
/// die grid: drawn with its notch at `notch`, rows counting up or down, and the
/// product's origin die numbered `originDieAt`. A field left unset is the
/// product's own (its notch, its row direction, its origin die's index).
struct DieNumbering {
  std::optional<Notch> notch;
  std::optional<bool> yUp;
  std::optional<DieIndex> originDieAt;
  /// True when every field is unset: the source numbers dies as the product does.
  bool isProducts() const { return !notch && !yUp && !originDieAt; }
};

/// The frame of a source numbering `layout`'s die grid as `numbering` says;
/// convertDie(numberedFrame(l, n), productDieFrame(l), d) is the product's index of source die d.
DieFrame numberedFrame(const WaferLayout& layout, const DieNumbering& numbering);

/// How a KLARF 1.2 file places its die grid: OrientationMarkLocation, DiePitch,
/// DieOrigin (the die's reference point from its lower-left corner) and
/// SampleCenterLocation (the wafer centre from the reference point of die
/// (0, 0)). KLARF die indices count up and to the right in that view, and a
/// defect's XREL, YREL are measured from its die's reference point. µm.
struct KlarfPlacement {
  Notch notch = Notch::Down;
  double pitchXUm = 0, pitchYUm = 0;
  double dieOriginXUm = 0, dieOriginYUm = 0;
  double sampleCentreXUm = 0, sampleCentreYUm = 0;
};

struct KlarfLocation {
  DieIndex die;
  double xRelUm = 0, yRelUm = 0;
};

DieFrame klarfDieFrame(const KlarfPlacement& placement);
/// A KLARF defect position (XINDEX, YINDEX, XREL, YREL) in the wafer frame.
WaferPoint klarfToWafer(const KlarfPlacement& placement, const KlarfLocation& location);
/// The KLARF die index and relative position of a wafer-frame point.
KlarfLocation waferToKlarf(const KlarfPlacement& placement, WaferPoint waferFramePoint);

}  // namespace fab::wafer

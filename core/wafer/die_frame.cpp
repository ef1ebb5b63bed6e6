#include "core/wafer/die_frame.h"

#include <cmath>

#include "core/common/error.h"

namespace fab::wafer {
namespace {

WaferPoint turnCounterClockwise(WaferPoint p, int quarterTurnsCcw) {
  switch (((quarterTurnsCcw % 4) + 4) % 4) {
    case 1:
      return {-p.y, p.x};
    case 2:
      return {-p.x, -p.y};
    case 3:
      return {p.y, -p.x};
    default:
      return p;
  }
}

double rowSign(const DieFrame& frame) { return frame.yUp ? 1.0 : -1.0; }

void checkPitch(double px, double py) {
  if (!(px > 0) || !(py > 0)) throw Error("a die frame needs a positive die pitch");
}

}  // namespace

int quarterTurns(Notch notch) {
  // The notch of the wafer frame points down (270°); down, right, up, left are
  // 0, 1, 2, 3 quarter turns counter-clockwise from there.
  return static_cast<int>(notch);
}

WaferPoint toView(Notch notch, WaferPoint p) { return turnCounterClockwise(p, quarterTurns(notch)); }
WaferPoint fromView(Notch notch, WaferPoint p) { return turnCounterClockwise(p, -quarterTurns(notch)); }

WaferPoint cellCentreInView(const DieFrame& f, DieIndex die) {
  return {f.die0XUm + die.x * f.pitchXUm, f.die0YUm + rowSign(f) * die.y * f.pitchYUm};
}

WaferPoint dieCentre(const DieFrame& f, DieIndex die) { return fromView(f.notch, cellCentreInView(f, die)); }

DieLocation locate(const DieFrame& f, WaferPoint p) {
  checkPitch(f.pitchXUm, f.pitchYUm);
  const WaferPoint v = toView(f.notch, p);
  DieLocation loc;
  loc.die.x = static_cast<int>(std::floor((v.x - (f.die0XUm - f.pitchXUm / 2)) / f.pitchXUm));
  loc.die.y = f.yUp ? static_cast<int>(std::floor((v.y - (f.die0YUm - f.pitchYUm / 2)) / f.pitchYUm))
                    : static_cast<int>(std::floor(((f.die0YUm + f.pitchYUm / 2) - v.y) / f.pitchYUm));
  const WaferPoint c = cellCentreInView(f, loc.die);
  loc.offsetXUm = v.x - (c.x - f.pitchXUm / 2);
  loc.offsetYUm = v.y - (c.y - f.pitchYUm / 2);
  return loc;
}

WaferPoint waferPosition(const DieFrame& f, const DieLocation& loc) {
  const WaferPoint c = cellCentreInView(f, loc.die);
  return fromView(f.notch, {c.x - f.pitchXUm / 2 + loc.offsetXUm, c.y - f.pitchYUm / 2 + loc.offsetYUm});
}

DieIndex convertDie(const DieFrame& from, const DieFrame& to, DieIndex die) {
  return locate(to, dieCentre(from, die)).die;
}

DieFrame productDieFrame(const WaferLayout& layout) {
  DieFrame f;
  f.notch = layout.notch;
  f.yUp = layout.yUp;
  f.pitchXUm = layout.pitchXUm();
  f.pitchYUm = layout.pitchYUm();
  checkPitch(f.pitchXUm, f.pitchYUm);
  f.die0XUm = layout.gridOffsetXUm - layout.originDieX * f.pitchXUm;
  f.die0YUm = layout.gridOffsetYUm - rowSign(f) * layout.originDieY * f.pitchYUm;
  return f;
}

DieFrame renumberedFrame(const DieFrame& reference, Notch notch, bool yUp, DieIndex referenceDie, DieIndex itsIndex) {
  checkPitch(reference.pitchXUm, reference.pitchYUm);
  DieFrame f;
  f.notch = notch;
  f.yUp = yUp;
  const bool sideways = (quarterTurns(notch) - quarterTurns(reference.notch)) % 2 != 0;
  f.pitchXUm = sideways ? reference.pitchYUm : reference.pitchXUm;
  f.pitchYUm = sideways ? reference.pitchXUm : reference.pitchYUm;
  const WaferPoint centre = toView(notch, dieCentre(reference, referenceDie));
  f.die0XUm = centre.x - itsIndex.x * f.pitchXUm;
  f.die0YUm = centre.y - rowSign(f) * itsIndex.y * f.pitchYUm;
  return f;
}

DieFrame numberedFrame(const WaferLayout& layout, const DieNumbering& n) {
  const DieFrame product = productDieFrame(layout);
  const DieIndex origin{layout.originDieX, layout.originDieY};
  return renumberedFrame(product, n.notch.value_or(layout.notch), n.yUp.value_or(layout.yUp), origin,
                         n.originDieAt.value_or(origin));
}

DieFrame klarfDieFrame(const KlarfPlacement& k) {
  checkPitch(k.pitchXUm, k.pitchYUm);
  DieFrame f;
  f.notch = k.notch;
  f.yUp = true;
  f.pitchXUm = k.pitchXUm;
  f.pitchYUm = k.pitchYUm;
  // Die (0, 0)'s reference point sits at -SampleCenterLocation from the wafer
  // centre; its cell's lower-left corner is DieOrigin below and left of it.
  f.die0XUm = -k.sampleCentreXUm - k.dieOriginXUm + k.pitchXUm / 2;
  f.die0YUm = -k.sampleCentreYUm - k.dieOriginYUm + k.pitchYUm / 2;
  return f;
}

WaferPoint klarfToWafer(const KlarfPlacement& k, const KlarfLocation& loc) {
  const WaferPoint v{loc.die.x * k.pitchXUm + loc.xRelUm - k.sampleCentreXUm,
                     loc.die.y * k.pitchYUm + loc.yRelUm - k.sampleCentreYUm};
  return fromView(k.notch, v);
}

KlarfLocation waferToKlarf(const KlarfPlacement& k, WaferPoint p) {
  checkPitch(k.pitchXUm, k.pitchYUm);
  const WaferPoint v = toView(k.notch, p);
  const double ax = v.x + k.sampleCentreXUm, ay = v.y + k.sampleCentreYUm;  // from die (0, 0)'s reference point
  KlarfLocation loc;
  loc.die.x = static_cast<int>(std::floor((ax + k.dieOriginXUm) / k.pitchXUm));
  loc.die.y = static_cast<int>(std::floor((ay + k.dieOriginYUm) / k.pitchYUm));
  loc.xRelUm = ax - loc.die.x * k.pitchXUm;
  loc.yRelUm = ay - loc.die.y * k.pitchYUm;
  return loc;
}

}  // namespace fab::wafer

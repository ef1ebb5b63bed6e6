#include "core/stdf/wafer_product.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/common/error.h"
#include "core/common/number_text.h"
#include "core/io/import_batch.h"
#include "core/wafer/wafer_layout.h"

namespace fab::stdf {
namespace {

/// A distance in mm to 0.1 mm.
std::string millimetres(double mm) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f mm", mm);
  return text;
}

std::string dieText(int x, int y) { return "(" + std::to_string(x) + ", " + std::to_string(y) + ")"; }

/// A REAL*4 field as the decimal it was written from: a float holds about 7
/// significant digits (IEEE 754 binary32), so 0.4392f reads 0.4392, not 0.43920001.
double decimalOf(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", static_cast<double>(v));
  return std::strtod(text, nullptr);
}

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

/// Farthest corner of a tested die from the wafer centre, µm, for dies of
/// w × h µm whose grid centre (cx, cy) — in die indices — sits at the wafer centre.
double farthestCornerUm(const DieGrid& grid, double cx, double cy, double w, double h) {
  double r = 0;
  for (const auto& [x, y] : grid.dies())
    r = std::max(r, std::hypot((std::abs(x - cx) + 0.5) * w, (std::abs(y - cy) + 0.5) * h));
  return r;
}

/// Wafer diameter and die size for a grid with no physical sizes (see the header).
void inferSizes(store::Product& p, const DieGrid& grid, double cx, double cy) {
  const double columns = grid.maxX() - grid.minX() + 1, rows = grid.maxY() - grid.minY() + 1;
  const double heightPerWidth = std::clamp(columns / rows, 0.5, 2.0);
  const double reach = farthestCornerUm(grid, cx, cy, 1.0, heightPerWidth);  // in die widths
  p.waferDiameterMm = kStandardDiametersMm[std::size(kStandardDiametersMm) - 1];
  for (double d : kStandardDiametersMm) {
    const double width = (d / 2 - kFileProductEdgeMm) * 1000 / reach;
    if (std::min(width, width * heightPerWidth) >= kSmallestDieMm * 1000) {
      p.waferDiameterMm = d;
      break;
    }
  }
  p.dieWidthUm = (p.waferDiameterMm / 2 - kFileProductEdgeMm) * 1000 / reach;
  p.dieHeightUm = p.dieWidthUm * heightPerWidth;
}

}  // namespace

int DieGrid::minX() const { return dies_.begin()->first; }  // ordered by x, then y
int DieGrid::maxX() const { return dies_.rbegin()->first; }
int DieGrid::minY() const {
  int v = dies_.begin()->second;
  for (const auto& d : dies_) v = std::min(v, d.second);
  return v;
}
int DieGrid::maxY() const {
  int v = dies_.begin()->second;
  for (const auto& d : dies_) v = std::max(v, d.second);
  return v;
}

std::optional<double> millimetresPerUnit(int wfUnits) {
  switch (wfUnits) {
    case 1:
      return 25.4;  // inches
    case 2:
      return 10.0;  // centimetres
    case 3:
      return 1.0;  // millimetres
    case 4:
      return 0.0254;  // mils
    default:
      return std::nullopt;
  }
}

std::optional<FileProduct> productFromFile(const std::string& name, const std::optional<Wcr>& wcr, const DieGrid& grid,
                                           const std::vector<int>& passBins) {
  if (grid.empty()) return std::nullopt;
  FileProduct out;
  store::Product& p = out.product;
  p.name = name;
  p.edgeExclusionMm = kFileProductEdgeMm;
  p.scribeUm = 0;  // DIE_HT / DIE_WID are the stepping pitch: no separate street
  if (!passBins.empty()) p.passBins = passBins;

  // The view: WF_FLAT is where the notch is seen, POS_Y which way rows count.
  const char flat = wcr ? upper(wcr->flat) : ' ';
  const char posX = wcr ? upper(wcr->positiveX) : ' ', posY = wcr ? upper(wcr->positiveY) : ' ';
  out.notchGiven = flat == 'U' || flat == 'D' || flat == 'L' || flat == 'R';
  out.rowsGiven = posY == 'U' || posY == 'D';
  wafer::Notch notch = flat == 'U'   ? wafer::Notch::Up
                       : flat == 'L' ? wafer::Notch::Left
                       : flat == 'R' ? wafer::Notch::Right
                                     : wafer::Notch::Down;
  bool yUp = posY != 'D';
  if (!out.notchGiven) out.notes.push_back("no WF_FLAT in the file: notch down assumed");
  if (!out.rowsGiven) out.notes.push_back("no POS_Y in the file: die rows taken to count up");
  if (posX == 'L') {
    // Columns counting leftwards: the same grid seen turned half a turn counts
    // them rightwards, with the notch opposite and rows the other way.
    static constexpr wafer::Notch opposite[] = {wafer::Notch::Up, wafer::Notch::Left, wafer::Notch::Down,
                                                wafer::Notch::Right};  // of Down, Right, Up, Left
    notch = opposite[static_cast<int>(notch)];
    yUp = !yUp;
    out.notes.push_back("POS_X = L: the map is stored turned half a turn so that columns count rightwards");
  }
  p.notch = std::string(wafer::notchName(notch));
  p.yUp = yUp;

  // The die at the wafer centre: CENTER_X/Y when it lies on the tested grid.
  double cx = (grid.minX() + grid.maxX()) / 2.0, cy = (grid.minY() + grid.maxY()) / 2.0;
  const bool centreGiven = wcr && wcr->centerX != kNoCoordinate && wcr->centerY != kNoCoordinate;
  if (centreGiven && wcr->centerX >= grid.minX() - 1 && wcr->centerX <= grid.maxX() + 1 &&
      wcr->centerY >= grid.minY() - 1 && wcr->centerY <= grid.maxY() + 1) {
    cx = wcr->centerX;
    cy = wcr->centerY;
    out.originGiven = true;
  } else if (centreGiven) {
    out.warnings.push_back("the WCR centre die " + dieText(wcr->centerX, wcr->centerY) +
                           " lies off the tested dies (x " + std::to_string(grid.minX()) + ".." +
                           std::to_string(grid.maxX()) + ", y " + std::to_string(grid.minY()) + ".." +
                           std::to_string(grid.maxY()) + "): the grid's centre is used");
  }
  p.originDieX = static_cast<int>(std::floor(cx));
  p.originDieY = static_cast<int>(std::floor(cy));

  const auto unit = wcr ? millimetresPerUnit(wcr->units) : std::nullopt;
  if (wcr && unit && wcr->waferSize > 0 && wcr->dieWidth > 0 && wcr->dieHeight > 0) {
    p.waferDiameterMm = decimalOf(wcr->waferSize) * *unit;
    const double usableUm = (p.waferDiameterMm / 2 - p.edgeExclusionMm) * 1000;
    const double fileReach = farthestCornerUm(grid, cx, cy, decimalOf(wcr->dieWidth), decimalOf(wcr->dieHeight));
    double dieUnit = *unit;
    // A tester that writes the die size in another unit than WF_UNITS (seen in
    // Teradyne Catalyst files: wafer in cm, dies in inches) leaves the tested
    // dies far inside the wafer or beyond its edge; the unit under which they
    // fill the usable wafer (reach 80–100 % of its radius) is taken instead.
    const auto fills = [&](double mm) {
      const double reach = fileReach * mm * 1000;
      return reach >= 0.8 * usableUm && reach <= p.waferDiameterMm * 500;
    };
    if (!fills(dieUnit)) {
      for (int code = 1; code <= 4; ++code) {
        if (!fills(*millimetresPerUnit(code))) continue;
        out.warnings.push_back(
            "the WCR die size " + significantText(decimalOf(wcr->dieWidth)) + " x " +
            significantText(decimalOf(wcr->dieHeight)) + " in WF_UNITS " + std::to_string(wcr->units) +
            " would leave the tested dies within " + millimetres(fileReach * dieUnit) + " of the centre of the " +
            significantText(p.waferDiameterMm) + " mm wafer; read in WF_UNITS " + std::to_string(code) +
            " they fill it (" + millimetres(fileReach * *millimetresPerUnit(code)) + "): taken so");
        dieUnit = *millimetresPerUnit(code);
        break;
      }
    }
    p.dieWidthUm = decimalOf(wcr->dieWidth) * dieUnit * 1000;
    p.dieHeightUm = decimalOf(wcr->dieHeight) * dieUnit * 1000;
    out.fromWcr = true;
    try {
      wafer::WaferLayout layout;
      layout.diameterMm = p.waferDiameterMm;
      layout.edgeExclusionMm = p.edgeExclusionMm;
      layout.dieWidthUm = p.dieWidthUm;
      layout.dieHeightUm = p.dieHeightUm;
      layout.validate();
    } catch (const Error& e) {
      out.warnings.push_back(std::string("the WCR's sizes do not make a wafer (") + e.what() +
                             "): the layout is inferred from the die grid");
      out.fromWcr = false;
    }
  } else if (wcr) {
    out.notes.push_back("the WCR gives no wafer and die size (WAFR_SIZ, DIE_WID, DIE_HT, WF_UNITS)");
  }
  if (!out.fromWcr) inferSizes(p, grid, cx, cy);

  // The origin die's cell centre from the wafer centre, in the product's view (x right; y up or down).
  p.gridOffsetXUm = (p.originDieX - cx) * p.dieWidthUm;
  p.gridOffsetYUm = (p.originDieY - cy) * p.dieHeightUm * (yUp ? 1 : -1);

  if (out.fromWcr) {
    const double reachMm = farthestCornerUm(grid, cx, cy, p.dieWidthUm, p.dieHeightUm) / 1000;
    if (reachMm > p.waferDiameterMm / 2)
      out.warnings.push_back("the tested dies reach " + millimetres(reachMm) +
                             " from the centre, beyond the edge of the " + significantText(p.waferDiameterMm) +
                             " mm wafer the WCR gives (check its WF_UNITS)");
    else if (reachMm < 0.5 * (p.waferDiameterMm / 2 - p.edgeExclusionMm))
      out.warnings.push_back("the tested dies lie within " + millimetres(reachMm) + " of the centre of the " +
                             significantText(p.waferDiameterMm) +
                             " mm wafer the WCR gives: a partial wafer, or sizes in " +
                             "other units than its WF_UNITS");
  }
  return out;
}

void settleFileProduct(io::ImportBatch& batch, const std::string& name, const std::optional<Wcr>& wcr,
                       const DieGrid& grid, const std::vector<int>& passBins) {
  if (grid.empty()) return;
  if (name.empty()) {
    batch.note("the lot has no product (the MIR gives no PART_TYP): its dies have no wafer layout");
    return;
  }
  const auto made = productFromFile(name, wcr, grid, passBins);
  const store::Product& p = made->product;
  auto& db = batch.db();
  if (const auto existing = store::loadProduct(db, name)) {
    batch.note("product '" + name + "' is already in the workspace: its layout is kept");
    if (!made->fromWcr) return;
    auto differs = [&](const std::string& field, const std::string& ours, const std::string& file) {
      batch.note("warning: product '" + name + "' keeps its " + field + " " + ours + ", the WCR gives " + file);
    };
    if (std::abs(existing->waferDiameterMm - p.waferDiameterMm) > 0.5)
      differs("wafer diameter", significantText(existing->waferDiameterMm) + " mm",
              significantText(p.waferDiameterMm) + " mm");
    if (std::abs(existing->dieWidthUm - p.dieWidthUm) > 0.01 * p.dieWidthUm ||
        std::abs(existing->dieHeightUm - p.dieHeightUm) > 0.01 * p.dieHeightUm)
      differs("die size",
              significantText(existing->dieWidthUm) + " x " + significantText(existing->dieHeightUm) + " µm",
              significantText(p.dieWidthUm) + " x " + significantText(p.dieHeightUm) + " µm");
    if (made->notchGiven && existing->notch != p.notch) differs("notch", existing->notch, p.notch);
    if (made->rowsGiven && existing->yUp != p.yUp)
      differs("rows counting", existing->yUp ? "up" : "down", p.yUp ? "up" : "down");
    if (made->originGiven && (existing->originDieX != p.originDieX || existing->originDieY != p.originDieY))
      differs("origin die", dieText(existing->originDieX, existing->originDieY), dieText(p.originDieX, p.originDieY));
    return;
  }
  std::string bins;
  for (int b : p.passBins) bins += (bins.empty() ? "" : ",") + std::to_string(b);
  db.prepare(
        "INSERT INTO product(name, die_width_um, die_height_um, wafer_diameter_mm, edge_exclusion_mm, scribe_um, "
        "notch, "
        "origin_die_x, origin_die_y, y_up, pass_bins, batch_id, grid_offset_x_um, grid_offset_y_um) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, name)
      .bind(2, p.dieWidthUm)
      .bind(3, p.dieHeightUm)
      .bind(4, p.waferDiameterMm)
      .bind(5, p.edgeExclusionMm)
      .bind(6, p.scribeUm)
      .bind(7, p.notch)
      .bind(8, p.originDieX)
      .bind(9, p.originDieY)
      .bind(10, std::int64_t{p.yUp})
      .bind(11, bins)
      .bind(12, batch.id())
      .bind(13, p.gridOffsetXUm)
      .bind(14, p.gridOffsetYUm)
      .run();
  std::string origin = made->originGiven
                           ? "origin die " + dieText(p.originDieX, p.originDieY) + " (WCR CENTER_X/Y)"
                           : "origin die " + dieText(p.originDieX, p.originDieY) + " near the tested grid's centre";
  batch.note("product '" + name + "' created" +
             (made->fromWcr ? std::string(" from the WCR") : std::string(", inferred from the die grid")) + ": " +
             significantText(p.waferDiameterMm) + " mm wafer, dies " + significantText(p.dieWidthUm) + " x " +
             significantText(p.dieHeightUm) + " µm" + (made->fromWcr ? "" : " (not in the file)") + ", notch " +
             p.notch + ", rows counting " + (p.yUp ? "up" : "down") + ", " + origin + ", pass bins " + bins);
  for (const auto& n : made->notes) batch.note(n);
  for (const auto& w : made->warnings) batch.note("warning: " + w);
}

}  // namespace fab::stdf

// The product layout an STDF import creates: from a595's WCR (its fields read
// here straight from the file's bytes), inferred from the die grid of a file
// without one, none for final test, and an existing product kept with a warning.
#include "core/stdf/wafer_product.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>

#include "core/stdf/stdf_import.h"
#include "core/store/dies.h"
#include "core/wafer/die_frame.h"
#include "tests/core/stdf/stdf_builder.h"
#include "tests/core/stdf/stdf_files.h"
#include "tests/support/test_workspace.h"

namespace fab::stdf {
namespace {

std::int64_t count(store::Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  return q.step() ? q.integer(0) : -1;
}

bool hasNote(const io::ImportReport& r, const std::string& start) {
  for (const auto& n : r.notes)
    if (n.rfind(start, 0) == 0) return true;
  return false;
}

/// a595's WCR and PRR coordinates, decoded from the big-endian bytes (STDF V4
/// WCR: WAFR_SIZ R*4, DIE_HT R*4, DIE_WID R*4, WF_UNITS U*1, WF_FLAT C*1,
/// CENTER_X I*2, CENTER_Y I*2, POS_X C*1, POS_Y C*1; PRR X_COORD at body byte 9).
struct A595Bytes {
  float waferSize = 0, dieHeight = 0, dieWidth = 0;
  int units = 0, centerX = 0, centerY = 0;
  char flat = 0, posX = 0, posY = 0;
  std::vector<std::pair<int, int>> dies;
};
A595Bytes a595Bytes() {
  const auto bytes = test::decompressedBytes(test::stdfFile("stdflib/a595.stdf"));
  EXPECT_EQ(bytes[4], 1);  // FAR CPU_TYPE 1: big-endian
  auto u2 = [](const unsigned char* p) { return p[0] << 8 | p[1]; };
  auto r4 = [](const unsigned char* p) {
    return std::bit_cast<float>(std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | p[2] << 8 | p[3]);
  };
  A595Bytes out;
  for (const auto& h : test::walkHeaders(bytes)) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + h.offset + 4);
    if (h.type == 2 && h.sub == 30) {
      out.waferSize = r4(b);
      out.dieHeight = r4(b + 4);
      out.dieWidth = r4(b + 8);
      out.units = b[12];
      out.flat = static_cast<char>(b[13]);
      out.centerX = static_cast<std::int16_t>(u2(b + 14));
      out.centerY = static_cast<std::int16_t>(u2(b + 16));
      out.posX = static_cast<char>(b[18]);
      out.posY = static_cast<char>(b[19]);
    }
    if (h.type == 5 && h.sub == 20)
      out.dies.push_back({static_cast<std::int16_t>(u2(b + 9)), static_cast<std::int16_t>(u2(b + 11))});
  }
  return out;
}

/// Every tested die's cell corners lie inside the usable wafer; returns the farthest corner (µm).
double farthestCorner(const store::Product& p, const std::vector<std::pair<int, int>>& dies) {
  const auto layout = wafer::layoutFromProduct(p);
  const auto frame = wafer::productDieFrame(layout);
  double reach = 0;
  for (const auto& [x, y] : dies) {
    const auto c = wafer::cellCentreInView(frame, {x, y});
    reach = std::max(reach, std::hypot(std::abs(c.x) + p.dieWidthUm / 2, std::abs(c.y) + p.dieHeightUm / 2));
  }
  return reach;
}

TEST(StdfWaferProduct, A595ProductComesFromItsWcr) {
  const auto file = a595Bytes();
  // The WCR as written: 15 cm wafer, flat down, x right, y down, no centre die.
  ASSERT_EQ(file.units, 2);
  EXPECT_FLOAT_EQ(file.waferSize, 15.0f);
  EXPECT_EQ(file.flat, 'D');
  EXPECT_EQ(file.posX, 'R');
  EXPECT_EQ(file.posY, 'D');
  EXPECT_EQ(file.centerX, -32768);
  EXPECT_EQ(file.centerY, -32768);
  ASSERT_EQ(file.dies.size(), 336u);

  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto report = importStdf(ws, test::stdfFile("stdflib/a595.stdf"));
  ASSERT_EQ(report.status, "ok") << report.message;
  EXPECT_TRUE(hasNote(report, "product 'mcc' created from the WCR"));
  const auto p = store::loadProduct(ws.db(), "mcc");
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->waferDiameterMm, file.waferSize * 10.0, 1e-6);  // cm → mm
  // DIE_WID 0.4392 and DIE_HT 0.4439 read in cm would leave the dies within
  // 28 mm of the centre of a 150 mm wafer; read in inches they fill it. The
  // change of unit is a warning of the batch.
  EXPECT_NEAR(p->dieWidthUm, file.dieWidth * 25400.0, 0.01);
  EXPECT_NEAR(p->dieHeightUm, file.dieHeight * 25400.0, 0.01);
  EXPECT_TRUE(hasNote(report, "warning: the WCR die size 0.4392 x 0.4439 in WF_UNITS 2"));
  EXPECT_EQ(p->notch, "down");
  EXPECT_FALSE(p->yUp);                         // POS_Y = D
  EXPECT_EQ(p->passBins, std::vector<int>{1});  // HBR 1 is the only 'P' bin
  // No CENTER_X/Y: the middle of the tested grid (x −2..9, y 14..25) sits at the wafer centre.
  int minX = 1 << 20, maxX = -minX, minY = minX, maxY = -minX;
  for (const auto& [x, y] : file.dies) {
    minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y), maxY = std::max(maxY, y);
  }
  EXPECT_EQ(p->originDieX, (minX + maxX) / 2);
  EXPECT_EQ(p->originDieY, (minY + maxY) / 2);
  const auto frame = wafer::productDieFrame(wafer::layoutFromProduct(*p));
  const auto low = wafer::cellCentreInView(frame, {minX, minY}), high = wafer::cellCentreInView(frame, {maxX, maxY});
  EXPECT_NEAR(low.x + high.x, 0, 1e-6);
  EXPECT_NEAR(low.y + high.y, 0, 1e-6);
  EXPECT_GT(low.y, 0);  // rows count down: the lowest row number is at the top
  // Every tested die is a complete die of the 150 mm wafer less its 3 mm edge.
  EXPECT_LE(farthestCorner(*p, file.dies), (p->waferDiameterMm / 2 - p->edgeExclusionMm) * 1000);
}

TEST(StdfWaferProduct, AFinalTestFileCreatesNoProduct) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto report = importStdf(ws, test::stdfFile("itestinc_stdf2xls/special_stdf/rabbi.stdf"));
  ASSERT_EQ(report.status, "ok") << report.message;
  EXPECT_EQ(count(ws.db(), "SELECT count(*) FROM die"), 0);
  EXPECT_EQ(count(ws.db(), "SELECT count(*) FROM product"), 0);
}

TEST(StdfWaferProduct, AnExistingProductIsKeptWithAWarning) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  ws.db().exec(
      "INSERT INTO product(name, die_width_um, die_height_um, wafer_diameter_mm, edge_exclusion_mm, scribe_um, notch, "
      "origin_die_x, origin_die_y, y_up, pass_bins) VALUES ('mcc', 5000, 5000, 200, 3, 0, 'up', 0, 0, 1, '1,2')");
  const auto report = importStdf(ws, test::stdfFile("stdflib/a595.stdf"));
  ASSERT_EQ(report.status, "ok") << report.message;
  const auto p = store::loadProduct(ws.db(), "mcc");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->waferDiameterMm, 200);
  EXPECT_EQ(p->dieWidthUm, 5000);
  EXPECT_EQ(p->notch, "up");
  EXPECT_TRUE(p->yUp);
  EXPECT_EQ(p->passBins, (std::vector<int>{1, 2}));
  EXPECT_TRUE(hasNote(report, "product 'mcc' is already in the workspace"));
  EXPECT_TRUE(hasNote(report, "warning: product 'mcc' keeps its wafer diameter 200 mm, the WCR gives 150 mm"));
  EXPECT_TRUE(hasNote(report, "warning: product 'mcc' keeps its notch up, the WCR gives down"));
  EXPECT_TRUE(hasNote(report, "warning: product 'mcc' keeps its rows counting up, the WCR gives down"));
  EXPECT_TRUE(hasNote(report, "warning: product 'mcc' keeps its die size 5000 x 5000"));
}

TEST(StdfWaferProduct, WithoutAWcrTheLayoutIsInferredFromTheDieGrid) {
  // A round grid: the dies of x, y in −5..5 with x² + y² ≤ 25, one wafer, no WCR.
  test::StdfBuilder b(false);
  b.u4(0).u4(1700000000).u1(1).u1('P').u1(' ').u1(' ').u2(0).u1(' ').cn("RG1").cn("ROUND").end(1, 10);  // MIR
  b.u1(1).u1(255).u4(0).cn("RG1-01").end(2, 10);                                                        // WIR
  std::vector<std::pair<int, int>> dies;
  for (int y = -5; y <= 5; ++y)
    for (int x = -5; x <= 5; ++x) {
      if (x * x + y * y > 25) continue;
      dies.push_back({x, y});
      b.u1(1).u1(0).end(5, 10);
      b.u1(1).u1(0).u1(0).u2(0).u2(1).u2(1).i2(x).i2(y).end(5, 20);
    }
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto report = importStdf(ws, dir.write("round.stdf", b.bytes()));
  ASSERT_EQ(report.status, "ok") << report.message;
  EXPECT_TRUE(hasNote(report, "product 'ROUND' created, inferred from the die grid"));
  const auto p = store::loadProduct(ws.db(), "ROUND");
  ASSERT_TRUE(p);
  // 11 columns and 11 rows: square dies; the grid centred on die (0, 0); the
  // farthest corner, of die (±3, ±4) or (±4, ±3), at hypot(3.5, 4.5) widths
  // = 5.70 widths. On 100 mm less 3 mm edge that gives 47 mm / 5.70 = 8.24 mm
  // dies, at least 1 mm: the smallest standard wafer, 100 mm, holds the grid.
  EXPECT_EQ(p->waferDiameterMm, 100);
  EXPECT_NEAR(p->dieWidthUm, 47000 / std::hypot(3.5, 4.5), 1e-6);
  EXPECT_EQ(p->dieWidthUm, p->dieHeightUm);
  EXPECT_EQ(p->originDieX, 0);
  EXPECT_EQ(p->originDieY, 0);
  EXPECT_EQ(p->gridOffsetXUm, 0);
  EXPECT_EQ(p->gridOffsetYUm, 0);
  EXPECT_EQ(p->notch, "down");
  EXPECT_NEAR(farthestCorner(*p, dies), 47000, 1e-6);
}

TEST(StdfWaferProduct, ColumnsCountingLeftwardsAreTheGridTurnedHalfATurn) {
  DieGrid grid;
  grid.add(0, 0);
  grid.add(1, 0);
  Wcr wcr;
  wcr.flat = 'D';
  wcr.positiveX = 'L';
  wcr.positiveY = 'U';
  const auto made = productFromFile("P", wcr, grid, {});
  ASSERT_TRUE(made);
  EXPECT_EQ(made->product.notch, "up");
  EXPECT_FALSE(made->product.yUp);
  EXPECT_EQ(millimetresPerUnit(1), 25.4);
  EXPECT_EQ(millimetresPerUnit(4), 0.0254);
  EXPECT_FALSE(millimetresPerUnit(0));
}

}  // namespace
}  // namespace fab::stdf

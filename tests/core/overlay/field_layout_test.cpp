// Field layout of a product by hand: 10 mm dies on a 10.08 mm pitch (80 µm
// scribe), origin die's cell centred on the wafer centre → fields of 2 × 3
// dies (20.16 × 30.24 mm) with a corner at (−5.04, −5.04) mm.
#include "core/overlay/field_layout.h"

#include <gtest/gtest.h>

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::overlay {
namespace {

store::Product product() {
  store::Product p;
  p.name = "AX100";
  p.dieWidthUm = p.dieHeightUm = 10000;
  p.scribeUm = 80;
  p.originDieX = p.originDieY = 15;
  return p;
}

TEST(FieldLayout, WholeDiesInTheScannerField) {
  const auto f = fieldLayoutOfProduct(product());
  EXPECT_NEAR(f.widthMm, 20.16, 1e-12);
  EXPECT_NEAR(f.heightMm, 30.24, 1e-12);
  EXPECT_NEAR(f.cornerXMm, -5.04, 1e-12);
  // The wafer centre sits in the field [−5.04, 15.12] × [−5.04, 25.2], centre (5.04, 10.08).
  auto c = f.fieldPosition({0, 0});
  EXPECT_NEAR(c.x, -5.04, 1e-12);
  EXPECT_NEAR(c.y, -10.08, 1e-12);
  // (70, −70): field x [55.44, 75.6] centre 65.52; y [−95.76, −65.52] centre −80.64.
  c = f.fieldPosition({70, -70});
  EXPECT_NEAR(c.x, 4.48, 1e-12);
  EXPECT_NEAR(c.y, 10.64, 1e-12);
}

TEST(FieldLayout, RefusesADieLargerThanTheField) {
  auto p = product();
  p.dieWidthUm = 30000;
  EXPECT_THROW(fieldLayoutOfProduct(p), Error);
  FieldLayout f;
  f.widthMm = 0;
  EXPECT_THROW(f.validate(), Error);
}

}  // namespace
}  // namespace fab::overlay

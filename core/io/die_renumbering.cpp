#include "core/io/die_renumbering.h"

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::io {

std::string describeNumbering(const wafer::DieNumbering& n) {
  std::string text;
  auto add = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (n.notch) add("notch " + std::string(wafer::notchName(*n.notch)));
  if (n.yUp) add(*n.yUp ? "rows counting up" : "rows counting down");
  if (n.originDieAt)
    add("the product's origin die numbered (" + std::to_string(n.originDieAt->x) + ", " +
        std::to_string(n.originDieAt->y) + ")");
  return text.empty() ? "the product's own numbering" : text;
}

DieRenumbering::DieRenumbering(ImportBatch& batch, const wafer::DieNumbering& numbering)
    : batch_(batch),
      numbering_(numbering),
      productOfLot_(batch.db().prepare("SELECT coalesce(product, '') FROM lot WHERE id = ?")) {}

wafer::DieIndex DieRenumbering::toProduct(std::int64_t lotId, std::string_view lotName, std::int64_t line,
                                          wafer::DieIndex source) {
  const Frames& f = framesOf(lotId, lotName, line);
  return wafer::convertDie(f.source, f.product, source);
}

const DieRenumbering::Frames& DieRenumbering::framesOf(std::int64_t lotId, std::string_view lotName,
                                                       std::int64_t line) {
  if (const auto it = lots_.find(lotId); it != lots_.end()) return it->second;
  const std::string where = batch_.path() + ":" + std::to_string(line) + ": ";
  productOfLot_.bind(1, lotId);
  const std::string product = productOfLot_.step() ? productOfLot_.text(0) : "";
  productOfLot_.reset();
  if (product.empty())
    throw Error(where + "lot '" + std::string(lotName) + "' has no product, so its dies cannot be converted from " +
                describeNumbering(numbering_) +
                " into the product's die frame: give a product column or import the lot's product first");
  auto known = products_.find(product);
  if (known == products_.end()) {
    const auto p = store::loadProduct(batch_.db(), product);
    if (!p)
      throw Error(where + "product '" + product + "' of lot '" + std::string(lotName) +
                  "' has no layout in the workspace: import the products file (die size, notch, origin die) "
                  "before converting a sort map's die numbering");
    wafer::WaferLayout layout;
    try {
      layout = wafer::layoutFromProduct(*p);
    } catch (const Error& e) {
      throw Error(where + "cannot convert the sort map's die numbering: " + e.what());
    }
    known = products_.emplace(product, Frames{wafer::numberedFrame(layout, numbering_), wafer::productDieFrame(layout)})
                .first;
    batch_.note("die indices converted from " + describeNumbering(numbering_) + " into the die frame of product '" +
                product + "' (notch " + std::string(wafer::notchName(layout.notch)) + ", rows counting " +
                (layout.yUp ? "up" : "down") + ", origin die (" + std::to_string(layout.originDieX) + ", " +
                std::to_string(layout.originDieY) + "))");
  }
  return lots_.emplace(lotId, known->second).first->second;
}

}  // namespace fab::io

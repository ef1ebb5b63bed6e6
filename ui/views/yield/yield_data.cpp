#include "ui/views/yield/yield_data.h"

#include <set>

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::ui::yield {

std::vector<std::string> productsWithDies(store::Database& db) {
  std::set<std::string> withDies;
  for (const auto& w : store::loadDies(db)) withDies.insert(w.product);
  std::vector<std::string> out;
  for (const auto& p : store::listProducts(db))
    if (withDies.count(p.name) && p.dieWidthUm > 0 && p.dieHeightUm > 0) out.push_back(p.name);
  return out;
}

ProductYieldData loadProductYield(store::Database& db, const std::string& product,
                                  const fab::yield::ModelParameters& parameters) {
  const auto p = store::loadProduct(db, product);
  if (!p || !(p->dieWidthUm > 0 && p->dieHeightUm > 0))
    throw Error("product " + product + " has no die size in the workspace: import its product definition");
  ProductYieldData out;
  out.product = product;
  out.dieAreaCm2 = p->dieWidthUm * p->dieHeightUm * 1e-8;  // µm² → cm²
  std::vector<fab::yield::SortWafer> wafers;
  for (const auto& w : store::loadDies(db)) {
    if (w.product != product) continue;
    fab::yield::SortWafer sw{w.lot, std::to_string(w.wafer), {}};
    sw.dies.reserve(w.dies.size());
    for (std::size_t i = 0; i < w.dies.size(); ++i) {
      fab::yield::SortDie d;
      d.x = w.dies[i].x;
      d.y = w.dies[i].y;
      d.pass = w.dies[i].pass;
      d.bin = w.dies[i].bin;
      d.row = i;
      sw.dies.push_back(d);
    }
    wafers.push_back(std::move(sw));
  }
  if (wafers.empty()) throw Error("product " + product + " has no die sort data in the workspace");
  out.wafers = wafers.size();
  fab::yield::WindowFitOptions o;
  o.dieArea = out.dieAreaCm2;
  o.layers = parameters.layers;
  out.fit = fab::yield::fitWindowMethod(wafers, o);
  out.pareto = fab::yield::yieldPareto(wafers);
  return out;
}

}  // namespace fab::ui::yield

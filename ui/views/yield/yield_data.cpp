#include "ui/views/yield/yield_data.h"

#include <set>

#include "core/common/error.h"
#include "core/store/dies.h"
#include "core/yield/workspace_sort.h"

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
  std::vector<store::WaferDies> dies;
  for (auto& w : store::loadDies(db))
    if (w.product == product) dies.push_back(std::move(w));
  // Each die's radius fraction from the product's layout: the zone Pareto's rings.
  const auto layouts = fab::yield::productLayouts(db, dies);
  if (const auto it = layouts.find(product); it != layouts.end()) out.layout = it->second;
  const auto wafers = fab::yield::toSortWafers(dies, layouts);
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

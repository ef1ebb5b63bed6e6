#include "core/demo/demo_overlay.h"

#include <sstream>
#include <vector>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/overlay/field_layout.h"
#include "core/store/dies.h"

namespace fab::demo {

const std::vector<std::pair<std::string, std::string>>& embeddedInputs();

namespace {

/// The field layouts of the committed demo products (data/demo/products.csv).
const std::map<std::string, overlay::FieldLayout>& demoFieldLayouts() {
  static const auto layouts = [] {
    std::map<std::string, overlay::FieldLayout> out;
    for (const auto& [name, text] : embeddedInputs()) {
      if (name != "products.csv") continue;
      std::istringstream in(text);
      std::string line;
      std::getline(in, line);  // product,die_width_um,die_height_um,wafer_diameter_mm,edge_exclusion_mm,scribe_um,
                               // notch,origin_x,origin_y,…
      while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) f.push_back(cell);
        if (f.size() < 9) continue;
        store::Product p;
        p.name = f[0];
        p.dieWidthUm = io::parseNumber(f[1]).value_or(0);
        p.dieHeightUm = io::parseNumber(f[2]).value_or(0);
        p.waferDiameterMm = io::parseNumber(f[3]).value_or(300);
        p.edgeExclusionMm = io::parseNumber(f[4]).value_or(3);
        p.scribeUm = io::parseNumber(f[5]).value_or(0);
        p.notch = f[6];
        p.originDieX = static_cast<int>(io::parseNumber(f[7]).value_or(0));
        p.originDieY = static_cast<int>(io::parseNumber(f[8]).value_or(0));
        out.emplace(p.name, overlay::fieldLayoutOfProduct(p));
      }
    }
    return out;
  }();
  return layouts;
}

}  // namespace

const std::map<std::string, double>& plantedOverlay(const std::string& scanner) {
  static const std::map<std::string, double> scan1 = {{"Mx", 0.010}, {"My", 0.006},  {"Rx", 0.006}, {"Ry", 0.009},
                                                      {"mfx", 0.06}, {"mfy", -0.05}, {"rfx", 0.04}, {"rfy", 0.05}};
  static const std::map<std::string, double> scan2 = {{"Mx", 0.016}, {"My", 0.012},  {"Rx", 0.006}, {"Ry", 0.009},
                                                      {"mfx", 0.06}, {"mfy", -0.05}, {"rfx", 0.04}, {"rfy", 0.05}};
  if (scanner == "SCAN-01") return scan1;
  if (scanner == "SCAN-02") return scan2;
  throw Error("the demo has no scanner '" + scanner + "'");
}

double plantedOverlayNm(bool xAxis, const std::string& scanner, const std::string& product, double xMm, double yMm) {
  const auto& m = plantedOverlay(scanner);
  const auto it = demoFieldLayouts().find(product);
  if (it == demoFieldLayouts().end()) throw Error("the demo has no product '" + product + "'");
  const auto f = it->second.fieldPosition({xMm, yMm});
  // core/overlay/overlay_model.h: dx = Mx·x − Rx·y + mfx·fx − rfx·fy, dy = My·y + Ry·x + mfy·fy + rfy·fx.
  if (xAxis) return m.at("Mx") * xMm - m.at("Rx") * yMm + m.at("mfx") * f.x - m.at("rfx") * f.y;
  return m.at("My") * yMm + m.at("Ry") * xMm + m.at("mfy") * f.y + m.at("rfy") * f.x;
}

}  // namespace fab::demo

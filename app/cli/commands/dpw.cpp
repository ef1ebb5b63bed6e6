// fabkit-cli dpw: dies per wafer, the exact count and the two textbook estimates.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/wafer/dies_per_wafer.h"

namespace fab::cli {
namespace {

int run(const Args& args) {
  wafer::WaferLayout layout;
  layout.diameterMm = args.number("diameter");
  layout.dieWidthUm = args.number("die-width") * 1000;
  layout.dieHeightUm = args.number("die-height") * 1000;
  layout.edgeExclusionMm = args.numberOr("edge-exclusion", 0);
  layout.scribeUm = args.numberOr("scribe", 0);
  const auto d = wafer::diesPerWafer(layout);
  if (args.json()) {
    Json placements = Json::array();
    for (const auto& p : d.placements)
      placements.push_back({{"placement", p.name},
                            {"grid_offset_x_um", p.gridOffsetXUm},
                            {"grid_offset_y_um", p.gridOffsetYUm},
                            {"complete", p.complete},
                            {"partial", p.partial}});
    printJson({{"exact", d.exact},
               {"placement", d.bestPlacement},
               {"placements", placements},
               {"estimates",
                {{"classic", {{"formula", "pi*d^2/(4*S) - pi*d/sqrt(2*S)"}, {"value", number(d.classicEstimate)}}},
                 {"flynn", {{"formula", "pi*(d - sqrt(S))^2/(4*S)"}, {"value", number(d.flynnEstimate)}}}}},
               {"usable_diameter_mm", d.usableDiameterMm},
               {"die_area_mm2", d.dieAreaMm2},
               {"note",
                "exact: complete dies inside the usable radius for the best of four grid placements; "
                "estimates with d = diameter less twice the edge exclusion and S = die area with scribe"}});
    return 0;
  }
  std::cout << "exact count (complete dies, " << d.bestPlacement << "): " << d.exact << "\n"
            << "classic estimate pi*d^2/(4S) - pi*d/sqrt(2S): " << fmt(d.classicEstimate, 1) << "\n"
            << "Flynn's estimate pi*(d - sqrt(S))^2/(4S):     " << fmt(d.flynnEstimate, 1) << "\n"
            << "(d = " << fmt(d.usableDiameterMm, 2) << " mm usable diameter, S = " << fmt(d.dieAreaMm2, 3)
            << " mm² per die with scribe)\n\n";
  TextTable t({"placement", "complete", "partial"});
  for (const auto& p : d.placements) t.add({p.name, std::to_string(p.complete), std::to_string(p.partial)});
  t.print();
  return 0;
}

const Registration registration{Command{
    "dpw",
    "dies per wafer: the exact count for a die size and the classic and Flynn estimates",
    "",
    "Counts the complete dies (inside the wafer less its edge exclusion) for the grid centred on a die, on a die\n"
    "edge in x or y, or on a die corner, and shows the best, next to the estimates pi*d^2/(4S) - pi*d/sqrt(2S)\n"
    "and Flynn's pi*(d - sqrt(S))^2/(4S), which differ.",
    {{"diameter", "MM", "wafer diameter in mm (150, 200, 300…)"},
     {"die-width", "MM", "die width in mm (without scribe)"},
     {"die-height", "MM", "die height in mm (without scribe)"},
     {"edge-exclusion", "MM", "edge exclusion in mm (default 0)"},
     {"scribe", "UM", "scribe (street) width in µm added to the die pitch (default 0)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

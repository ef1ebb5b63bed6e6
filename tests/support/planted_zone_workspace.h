#pragma once
// A workspace with die sort data whose losses are planted by wafer zone, and
// the zone losses worked out here by hand from the product's layout, without
// core/wafer: the die centre of die (x, y) is ((x − ox)·pitchX, −(y − oy)·pitchY)
// mm in the product's view (rows count down), and the notch turns the view,
// which leaves the distance from the centre unchanged.
//
// Lot ZONE (product ZP, 200 mm wafer, pitch 10 × 8 mm, origin die (3, 2),
// notch left, rows down): two wafers, edge ring mostly failing (bin 7), a
// sprinkle of bin 4 fails inside. Lot NOLAYOUT (product NL, not defined in
// the workspace): one wafer whose dies have no radius fraction.
#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

struct PlantedZones {
  struct Zone {
    long long dies = 0, failed = 0;
  };
  std::string path;
  std::array<Zone, 3> zones;  ///< center (r < √(1/3)), middle (r < √(2/3)), edge, over lot ZONE
  long long dies = 0, failed = 0;

  static constexpr double kPitchXMm = 10, kPitchYMm = 8, kRadiusMm = 100;
  static constexpr int kOriginX = 3, kOriginY = 2;
  /// The die centre's distance from the wafer centre over the wafer radius.
  static double radiusFraction(int x, int y) {
    return std::hypot((x - kOriginX) * kPitchXMm, -(y - kOriginY) * kPitchYMm) / kRadiusMm;
  }
  /// 0 center, 1 middle, 2 edge (equal-area rings).
  static int zoneOf(double r) { return r < std::sqrt(1.0 / 3.0) ? 0 : r < std::sqrt(2.0 / 3.0) ? 1 : 2; }
  /// The planted failures: most of the edge ring, every seventh die inside.
  static int binOf(int wafer, int x, int y) {
    const int zone = zoneOf(radiusFraction(x, y));
    if (zone == 2 && (x + y + wafer) % 3 != 0) return 7;
    if (((x * 5 + y * 3 + wafer) % 7 + 7) % 7 == 0) return 4;
    return 1;
  }
};

inline PlantedZones makePlantedZoneWorkspace(const TempDir& dir) {
  PlantedZones out;
  out.path = dir.path("zones.fabdb");
  const std::string products = dir.write("zone_products.csv",
                                         "product,die_width_um,die_height_um,wafer_diameter_mm,edge_exclusion_mm,"
                                         "scribe_um,notch,origin_die_x,origin_die_y,y_up,pass_bins\n"
                                         "ZP,9800,7800,200,3,200,left,3,2,0,1\n");
  std::ostringstream dies;
  dies << "lot,wafer,die_x,die_y,bin,pass,product\n";
  for (int wafer = 1; wafer <= 2; ++wafer)
    for (int y = -12; y <= 16; ++y)
      for (int x = -8; x <= 14; ++x) {
        const double r = PlantedZones::radiusFraction(x, y);
        if (r > 0.98) continue;  // dies whose centre is on the wafer
        const int bin = PlantedZones::binOf(wafer, x, y);
        dies << "ZONE," << wafer << "," << x << "," << y << "," << bin << "," << (bin == 1) << ",ZP\n";
        auto& z = out.zones[static_cast<std::size_t>(PlantedZones::zoneOf(r))];
        ++z.dies;
        z.failed += bin != 1;
        ++out.dies;
        out.failed += bin != 1;
      }
  for (int x = 0; x < 5; ++x) dies << "NOLAYOUT,1," << x << ",0," << (x == 0 ? "3,0" : "1,1") << ",NL\n";
  const std::string diesCsv = dir.write("zone_dies.csv", dies.str());
  auto ws = store::Workspace::openOrCreate(out.path);
  for (const auto& [file, kind] : {std::pair{products, io::ImportKind::Products}, {diesCsv, io::ImportKind::Dies}}) {
    io::ImportOptions o;
    o.kind = kind;
    const auto report = io::importFile(ws, file, o);
    if (report.status != "ok") throw std::runtime_error("planted zone import failed: " + report.message);
  }
  return out;
}

}  // namespace fab::test

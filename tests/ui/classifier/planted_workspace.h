#pragma once
// A workspace whose die maps are synthetic maps of known classes: lot P1 holds
// maps 0…8 of the training generator (one per class, in class order), lot P2
// maps 9…11. Stored through the ordinary die import (bin 1 pass, bin 7 fail).
#include <fstream>
#include <string>
#include <vector>

#include "core/io/importer.h"
#include "core/ml/wafer_map_generator.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

struct PlantedWafer {
  std::string lot;
  int slot = 0;
  ml::SyntheticMap map;
};

class PlantedWorkspace {
 public:
  PlantedWorkspace() {
    const ml::WaferMapGenerator generator(ml::GeneratorSettings::training(), 7);
    std::ofstream csv(dir_.path("dies.csv"));
    csv << "lot,wafer,die_x,die_y,bin,pass\n";
    for (std::uint64_t i = 0; i < 12; ++i) {
      PlantedWafer w{i < 9 ? "P1" : "P2", static_cast<int>(i < 9 ? i + 1 : i - 8), generator.generate(i)};
      for (const auto& d : w.map.map.dies)
        csv << w.lot << ',' << w.slot << ',' << d.x << ',' << d.y << ',' << (d.pass ? 1 : 7) << ',' << (d.pass ? 1 : 0)
            << '\n';
      wafers_.push_back(std::move(w));
    }
    csv.close();
    auto ws = store::Workspace::openOrCreate(path());
    io::ImportOptions options;
    options.kind = io::ImportKind::Dies;
    io::importFile(ws, dir_.path("dies.csv"), options);
  }
  std::string path() const { return dir_.path("planted.fabdb"); }
  const std::vector<PlantedWafer>& wafers() const { return wafers_; }

 private:
  TempDir dir_;
  std::vector<PlantedWafer> wafers_;
};

}  // namespace fab::test

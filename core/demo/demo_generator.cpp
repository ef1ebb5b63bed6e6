// The demo story's generator: metrology, route history, die bin maps and
// defects for 40 lots, written as the CSV files a fab would export. The
// random numbers come from mt19937_64 (defined bit for bit by the standard)
// with our own Box–Muller, so every platform builds the same workspace.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/demo/demo_overlay.h"
#include "core/demo/demo_workspace.h"
#include "core/io/field_parse.h"

namespace fab::demo {

const std::vector<std::pair<std::string, std::string>>& embeddedInputs();

namespace {

constexpr double kPi = 3.14159265358979323846;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double normal() {  // Box–Muller
    const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
  }
  int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }

 private:
  std::mt19937_64 engine_;
};

struct ParameterModel {
  const char* name;
  const char* unit;
  const char* step;  ///< route step whose tool sets the value
  double target, lotSigma, waferSigma, siteSigma;
  double radial;  ///< change from centre to edge (value units)
};

const std::vector<ParameterModel>& parameterModels() {
  static const std::vector<ParameterModel> models = {
      {"OX_THK", "nm", "OXIDATION", 100.0, 0.35, 0.25, 0.30, -0.6},
      {"NIT_THK", "nm", "OXIDATION", 50.0, 0.30, 0.20, 0.25, 0.3},
      {"GATE_CD", "nm", "GATE_ETCH", 44.8, 0.30, 0.20, 0.25, 0.4},
      {"M1_CD", "nm", "LITHO_M1", 64.0, 0.40, 0.25, 0.35, 0.0},
      {"VIA_CD", "nm", "LITHO_M1", 40.0, 0.40, 0.30, 0.35, 0.2},
      {"OVL_X", "nm", "LITHO_M1", 0.0, 0.60, 0.40, 0.80, 0.0},
      {"OVL_Y", "nm", "LITHO_M1", 0.3, 0.60, 0.40, 0.80, 0.0},
      {"RS_POLY", "ohm/sq", "GATE_ETCH", 20.0, 0.15, 0.10, 0.12, 0.1},
      {"RS_M1", "ohm/sq", "LITHO_M1", 0.080, 0.0010, 0.0008, 0.0010, 0.0},
      {"CMP_STEP", "nm", "LITHO_M1", 12.0, 1.5, 1.0, 1.5, 2.0},
      {"RESIST_THK", "nm", "LITHO_M1", 800.0, 2.5, 1.5, 2.0, -1.0},
      {"ETCH_DEPTH", "nm", "GATE_ETCH", 350.0, 1.2, 0.8, 1.0, -0.8},
  };
  return models;
}

struct Site {
  double xMm, yMm;
};
const std::vector<Site>& sites() {
  static const std::vector<Site> s = {{0, 0},    {70, 0},   {0, 70},  {-70, 0}, {0, -70},
                                      {95, 95},  {-95, 95}, {-95, -95}, {95, -95}};
  return s;
}

struct Lot {
  std::string name, product;
  std::int64_t start;  ///< ms since 1970
  std::string oxTool, etchTool, etchChamber, lithoTool;
  bool sorted;  ///< has die bin maps
};

constexpr int kLots = 40, kWafers = 25;
constexpr std::int64_t kHour = 3600 * 1000;

std::vector<Lot> makeLots(Random& rng) {
  const std::int64_t t0 = *io::parseTimestamp("2026-09-01T06:00:00Z");
  const char* products[] = {"AX100", "BZ200", "CM300"};
  std::vector<Lot> lots;
  for (int k = 0; k < kLots; ++k) {
    Lot lot;
    char name[32];
    std::snprintf(name, sizeof name, "N%04dA", 2601 + k * 7);
    lot.name = name;
    lot.product = products[k % 5 == 4 ? 2 : (k % 3 == 2 ? 1 : 0)];
    lot.start = t0 + static_cast<std::int64_t>(k) * 36 * kHour + rng.integer(0, 4) * kHour;
    lot.oxTool = rng.uniform() < 0.5 ? "FURN-01" : "FURN-02";
    lot.etchTool = rng.uniform() < 0.65 ? "ETCH-03" : "ETCH-04";
    lot.etchChamber = lot.etchTool == "ETCH-03" ? (rng.uniform() < 0.5 ? "A" : "B") : "A";
    lot.lithoTool = rng.uniform() < 0.5 ? "SCAN-01" : "SCAN-02";
    lot.sorted = lot.product == "AX100" && k < 28;
    lots.push_back(lot);
  }
  return lots;
}

std::int64_t stepTime(const Lot& lot, const std::string& step) {
  if (step == "OXIDATION") return lot.start;
  if (step == "LITHO_M1") return lot.start + 12 * kHour;
  return lot.start + 24 * kHour;  // GATE_ETCH
}

std::ofstream openFile(const std::string& folder, const std::string& name) {
  std::ofstream out(std::filesystem::path(folder) / name, std::ios::binary);
  if (!out) throw Error("cannot write '" + (std::filesystem::path(folder) / name).string() + "'");
  return out;
}

void writeHistory(const std::string& folder, const std::vector<Lot>& lots) {
  auto out = openFile(folder, "history.csv");
  out << "lot,wafer,product,step,tool,chamber,recipe,track_in,track_out\n";
  for (const auto& lot : lots) {
    for (const auto& [step, tool, chamber, recipe] :
         {std::tuple{std::string("OXIDATION"), lot.oxTool, std::string("1"), std::string("OX100_DRY")},
          std::tuple{std::string("LITHO_M1"), lot.lithoTool, std::string("1"), std::string("M1_ARF")},
          std::tuple{std::string("GATE_ETCH"), lot.etchTool, lot.etchChamber, std::string("GATE_ME2")}}) {
      const auto in = stepTime(lot, step);
      out << lot.name << ",," << lot.product << ',' << step << ',' << tool << ',' << chamber << ',' << recipe << ','
          << io::formatTimestamp(in) << ',' << io::formatTimestamp(in + 2 * kHour) << '\n';
    }
  }
}

void writeMeasurements(const std::string& folder, const std::vector<Lot>& lots, Random& rng) {
  auto out = openFile(folder, "measurements.csv");
  out << "lot,wafer,site,x_mm,y_mm,parameter,value,unit,time,metrology_tool,product\n";
  const std::int64_t t0 = lots.front().start;
  const std::int64_t wetClean = *io::parseTimestamp("2026-10-01T00:00:00Z");
  const std::int64_t newPump = *io::parseTimestamp("2026-09-25T00:00:00Z");
  char line[256];
  for (const auto& p : parameterModels()) {
    const std::string param = p.name;
    for (const auto& lot : lots) {
      const double days = static_cast<double>(stepTime(lot, p.step) - t0) / (24.0 * kHour);
      double lotShift = p.lotSigma * rng.normal();
      // The story: a furnace heater ageing, a chamber shifted by its wet clean.
      if (param == "OX_THK" && lot.oxTool == "FURN-02") lotShift += 0.055 * days;
      if (param == "GATE_CD" && lot.etchTool == "ETCH-03" && lot.etchChamber == "B" && stepTime(lot, p.step) > wetClean)
        lotShift += 1.5;
      // A new dispense pump on SCAN-01's coater halves the resist thickness spread.
      const double spread = param == "RESIST_THK" && lot.lithoTool == "SCAN-01" && stepTime(lot, p.step) > newPump ? 0.4 : 1.0;
      for (int w = 1; w <= kWafers; ++w) {
        const double waferShift = spread * p.waferSigma * rng.normal();
        const std::int64_t time = stepTime(lot, p.step) + 3 * kHour + w * 4 * 60 * 1000;
        for (std::size_t s = 0; s < sites().size(); ++s) {
          const auto& site = sites()[s];
          const double r = std::hypot(site.xMm, site.yMm) / 135.0;
          double value = p.target + lotShift + waferShift + p.radial * r * r + spread * p.siteSigma * rng.normal();
          // The scanner's overlay model (core/demo/demo_overlay.h); no random draw, so no other number moves.
          if (param == "OVL_X" || param == "OVL_Y")
            value += plantedOverlayNm(param == "OVL_X", lot.lithoTool, lot.product, site.xMm, site.yMm);
          const bool missing = rng.uniform() < 0.0008;
          if (param == "RS_M1" && rng.uniform() < 0.0015) value *= 1.25;  // probe contact outliers
          const int decimals = p.target != 0 && std::fabs(p.target) < 1 ? 5 : 3;
          char valueText[32];
          if (missing) std::snprintf(valueText, sizeof valueText, "N/A");
          else std::snprintf(valueText, sizeof valueText, "%.*f", decimals, value);
          std::snprintf(line, sizeof line, "%s,%d,%zu,%.1f,%.1f,%s,%s,%s,%s,%s,%s\n", lot.name.c_str(), w, s + 1,
                        site.xMm, site.yMm, p.name, valueText, p.unit,
                        io::formatTimestamp(time + static_cast<std::int64_t>(s) * 15000).c_str(),
                        p.step == std::string("LITHO_M1") ? "OVL-01" : "THK-02", lot.product.c_str());
          out << line;
        }
      }
    }
  }
}

/// Die grid of the demo product AX100: 10 mm dies on a 10.08 mm pitch, die
/// (15, 15) centred on the wafer centre (the product's origin die), dies wholly
/// inside the 147 mm usable radius.
struct DemoDie {
  int x, y;
  double cx, cy;  ///< die centre, mm from the wafer centre
};
std::vector<DemoDie> demoDieGrid() {
  const double pitch = 10.08, usable = 147.0;
  const int half = static_cast<int>(std::ceil(150.0 / pitch));
  std::vector<DemoDie> dies;
  for (int j = 0; j < 2 * half; ++j)
    for (int i = 0; i < 2 * half; ++i) {
      const double x0 = (i - half) * pitch - 5, y0 = (j - half) * pitch - 5;  // lower-left corner
      const double far = std::max({std::hypot(x0, y0), std::hypot(x0 + 10, y0), std::hypot(x0, y0 + 10), std::hypot(x0 + 10, y0 + 10)});
      if (far <= usable) dies.push_back({i, j, x0 + 5, y0 + 5});
    }
  return dies;
}

enum class Pattern { None, EdgeRing, Center, Scratch, Donut, EdgeLocal, Local };

double patternFailure(Pattern p, double cx, double cy, double a, double b) {
  const double r = std::hypot(cx, cy) / 147.0;
  const double angle = std::atan2(cy, cx);
  switch (p) {
    case Pattern::None: return 0;
    case Pattern::EdgeRing: return r > 0.86 ? 0.85 : 0;
    case Pattern::Center: return r < 0.3 ? 0.8 : 0;
    case Pattern::Donut: return r > 0.42 && r < 0.62 ? 0.75 : 0;
    case Pattern::Scratch: {  // a line through (a, b) mm at angle a/30 rad
      const double th = a / 30.0;
      const double dist = std::fabs(-(cx - b) * std::sin(th) + cy * std::cos(th));
      return dist < 7 && std::hypot(cx - b, cy) < 90 ? 0.9 : 0;
    }
    case Pattern::EdgeLocal: return r > 0.75 && std::fabs(std::remainder(angle - a, 2 * kPi)) < 0.45 ? 0.85 : 0;
    case Pattern::Local: return std::hypot(cx - a, cy - b) < 22 ? 0.85 : 0;
  }
  return 0;
}

struct Defect {
  double xUm, yUm, sizeUm;
  int cls;
};

void writeDiesAndDefects(const std::string& folder, const std::vector<Lot>& lots, Random& rng) {
  auto dies = openFile(folder, "dies.csv");
  auto defects = openFile(folder, "defects.csv");
  dies << "lot,wafer,die_x,die_y,bin\n";
  defects << "lot,wafer,defect_id,x_um,y_um,die_x,die_y,size_um,class,layer\n";
  const auto grid = demoDieGrid();
  const Pattern patterns[] = {Pattern::EdgeRing, Pattern::Center, Pattern::Scratch, Pattern::Donut, Pattern::EdgeLocal, Pattern::Local};
  int inspected = 0;
  for (const auto& lot : lots) {
    if (!lot.sorted) continue;
    for (int w = 1; w <= kWafers; ++w) {
      const double u = rng.uniform();
      const Pattern pattern = u < 0.5 ? Pattern::None : patterns[static_cast<int>((u - 0.5) / 0.5 * 6) % 6];
      const double a = rng.uniform() * 2 * kPi - kPi, b = rng.uniform() * 120 - 60;
      const double base = 0.02 + 0.04 * rng.uniform();
      // Inspection on wafers 3, 9, 15, 21 of every fourth sorted lot: killers by size.
      std::vector<double> kill(grid.size(), 0.0);
      if (inspected < 40 && w % 6 == 3 && (&lot - &lots[0]) % 4 == 0) {
        ++inspected;
        const int n = 40 + rng.integer(0, 60);
        int id = 0;
        for (int d = 0; d < n; ++d) {
          Defect f;
          do {
            f.xUm = (rng.uniform() * 2 - 1) * 147000;
            f.yUm = (rng.uniform() * 2 - 1) * 147000;
          } while (std::hypot(f.xUm, f.yUm) > 147000);
          if (pattern != Pattern::None && d < n / 2) {  // half the defects follow the wafer's pattern
            for (int tries = 0; tries < 50 && patternFailure(pattern, f.xUm / 1000, f.yUm / 1000, a, b) == 0; ++tries) {
              f.xUm = (rng.uniform() * 2 - 1) * 147000;
              f.yUm = (rng.uniform() * 2 - 1) * 147000;
            }
          }
          f.sizeUm = 0.1 / std::sqrt(std::max(rng.uniform(), 1e-6));  // density ∝ 1/x³ above 0.1 µm (Stapper)
          f.cls = pattern == Pattern::Scratch && d < n / 2 ? 2 : 1 + rng.integer(0, 3) % 4;
          for (std::size_t g = 0; g < grid.size(); ++g) {
            if (std::fabs(f.xUm / 1000 - grid[g].cx) <= 5 && std::fabs(f.yUm / 1000 - grid[g].cy) <= 5) {
              kill[g] = 1 - (1 - kill[g]) * (1 - 1 / (1 + std::exp(-(f.sizeUm - 0.6) / 0.12)));
              defects << lot.name << ',' << w << ',' << ++id << ',' << std::lround(f.xUm) << ',' << std::lround(f.yUm) << ','
                      << grid[g].x << ',' << grid[g].y << ',' << std::round(f.sizeUm * 1000) / 1000 << ',' << f.cls << ",M1\n";
              break;
            }
          }
        }
      }
      for (std::size_t g = 0; g < grid.size(); ++g) {
        const auto& die = grid[g];
        const double pFail = 1 - (1 - base) * (1 - patternFailure(pattern, die.cx, die.cy, a, b)) * (1 - kill[g]);
        int bin = 1;
        if (rng.uniform() < pFail) bin = patternFailure(pattern, die.cx, die.cy, a, b) > 0 || kill[g] > 0.5 ? 7 : 3 + rng.integer(0, 3);
        dies << lot.name << ',' << w << ',' << die.x << ',' << die.y << ',' << bin << '\n';
      }
    }
  }
}

}  // namespace

void writeDemoFiles(const std::string& folder) {
  std::filesystem::create_directories(folder);
  for (const auto& [name, text] : embeddedInputs()) openFile(folder, name) << text;
  Random rng(20261123);
  const auto lots = makeLots(rng);
  writeHistory(folder, lots);
  writeMeasurements(folder, lots, rng);
  writeDiesAndDefects(folder, lots, rng);
}

}  // namespace fab::demo

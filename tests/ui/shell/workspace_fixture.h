#pragma once
// A workspace with known measurements for the shell tests: parameters A, B, C,
// each measured on lots L00..L14 × wafers 1..25 × sites 1..4 (1,500 rows), with
// values generated here so tests can compute what the views must show.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

inline constexpr int kLots = 15, kWafers = 25, kSites = 4;
inline constexpr int kRowsPerParameter = kLots * kWafers * kSites;

/// Value of row i of a parameter (NaN = written as N/A).
inline double fixtureValue(int parameter, int i) {
  if (i % 97 == 5) return std::nan("");
  return ((i * 7919 + parameter * 31) % 1000) / 10.0;
}

inline std::string fixtureCsv(const std::vector<std::string>& parameters) {
  std::ostringstream csv;
  csv << "lot,wafer,site,parameter,value,unit,time\n";
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    int i = 0;
    for (int l = 0; l < kLots; ++l)
      for (int w = 1; w <= kWafers; ++w)
        for (int s = 1; s <= kSites; ++s, ++i) {
          const double v = fixtureValue(static_cast<int>(p), i);
          csv << "L" << (l < 10 ? "0" : "") << l << ',' << w << ',' << s << ',' << parameters[p] << ',';
          if (std::isnan(v))
            csv << "N/A";
          else
            csv << v;
          const int hour = w % 24;
          csv << ",nm,2024-05-" << (10 + l) << "T" << (hour < 10 ? "0" : "") << hour << ":00:0" << s << "Z\n";
        }
  }
  return csv.str();
}

/// Creates the workspace in `dir` and returns its path.
inline std::string makeFixtureWorkspace(const TempDir& dir,
                                        const std::vector<std::string>& parameters = {"A", "B", "C"}) {
  const std::string path = dir.path("fixture.fabdb");
  auto ws = store::Workspace::openOrCreate(path);
  const auto report = io::importFile(ws, dir.write("fixture.csv", fixtureCsv(parameters)));
  if (report.status != "ok") throw std::runtime_error("fixture import failed: " + report.message);
  return path;
}

}  // namespace fab::test

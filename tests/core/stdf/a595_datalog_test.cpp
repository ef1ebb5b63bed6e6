// The a595 session twice: as STDF (stdflib/a595.stdf) and as the tester's
// ASCII datalog of the same run (STDF.RADAR/a595-…data.gz, Teradyne IMAGE
// format). Every device's bin and coordinates, and every parametric line's
// value, limits and fail flag, must agree with the decoded records.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "core/stdf/record_reader.h"
#include "core/stdf/record_types.h"
#include "core/stdf/records.h"
#include "core/stdf/test_catalog.h"
#include "tests/core/stdf/stdf_files.h"

namespace fab::stdf {
namespace {

struct DatalogValue {
  std::uint32_t test = 0;
  double low = 0, value = 0, high = 0;
  int decimals = 0;                    ///< as printed: the rounding of the three numbers
  double scale = 1;                    ///< display unit per SI unit (ma: 1e3)
  bool failed = false, alarm = false;  ///< flagged (F) or (A)
};

struct DatalogDevice {
  int bin = 0, x = 0, y = 0;
  std::vector<DatalogValue> values;
};

double unitScale(const std::string& unit) {
  if (unit == "ma") return 1e3;
  if (unit == "ua") return 1e6;
  if (unit == "ns") return 1e9;
  if (unit == "v") return 1;
  throw std::runtime_error("unit " + unit);
}

int decimalsOf(const std::string& number) {
  const auto dot = number.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
}

/// Devices in datalog order. A parametric line reads, from its end:
/// "LOW unit <[=] VALUE unit [(F)] <[=] HIGH unit".
std::vector<DatalogDevice> readDatalog(const std::string& text) {
  std::vector<DatalogDevice> devices;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> t;
    for (std::string w; words >> w;) t.push_back(w);
    if (t.empty()) continue;
    if (t[0] == "Device:") devices.emplace_back();
    if (t[0] == "Bin:" && t.size() >= 8) {  // Bin:  1     Wafer Coordinates: ( 2 , 14)
      devices.back().bin = std::stoi(t[1]);
      devices.back().x = std::stoi(t[5]);
      devices.back().y = std::stoi(t[7].substr(0, t[7].find(')')));
    }
    if (t.size() < 10 || !std::isdigit(static_cast<unsigned char>(t[0][0])) || t[t.size() - 3][0] != '<') continue;
    std::size_t i = t.size() - 4;
    DatalogValue v;
    v.test = static_cast<std::uint32_t>(std::stoul(t[0]));
    v.high = std::stod(t[t.size() - 2]);
    if (t[i][0] == '(') {
      v.failed = t[i] == "(F)";
      v.alarm = t[i--] == "(A)";
    }
    v.scale = unitScale(t[i]);
    v.value = std::stod(t[i - 1]);
    v.decimals = decimalsOf(t[i - 1]);
    v.low = std::stod(t[i - 4]);
    devices.back().values.push_back(v);
  }
  return devices;
}

struct StdfPart {
  Prr prr;
  std::vector<std::pair<Ptr, TestLimits>> results;
};

std::vector<StdfPart> readParts(const std::string& path) {
  RecordReader reader(path);
  TestCatalog catalog;
  std::vector<StdfPart> parts(1);
  RawRecord r;
  Ptr ptr;
  while (reader.next(r)) {
    if (r.code() == kind::PTR) {
      decodePtr(r, reader.byteOrder(), ptr);
      parts.back().results.emplace_back(ptr, catalog.resolve(ptr));
    } else if (r.code() == kind::PRR) {
      parts.back().prr = decodePrr(r, reader.byteOrder());
      parts.emplace_back();
    }
  }
  parts.pop_back();
  return parts;
}

TEST(StdfA595, AgreesWithTheTestersAsciiDatalog) {
  const auto devices =
      readDatalog(test::decompressedBytes(test::stdfFile("STDF.RADAR/a595-tst_2_mcc_TEST_dec02_08_54.data.gz")));
  const auto parts = readParts(test::stdfFile("stdflib/a595.stdf"));
  ASSERT_EQ(devices.size(), 336u);
  ASSERT_EQ(parts.size(), devices.size());
  std::size_t compared = 0;
  for (std::size_t d = 0; d < devices.size(); ++d) {
    SCOPED_TRACE("device " + std::to_string(d + 1));
    const auto& device = devices[d];
    const auto& part = parts[d];
    EXPECT_EQ(part.prr.softBin, device.bin);
    EXPECT_EQ(part.prr.x, device.x);
    EXPECT_EQ(part.prr.y, device.y);
    ASSERT_EQ(part.results.size(), device.values.size());
    for (std::size_t k = 0; k < device.values.size(); ++k) {
      const auto& v = device.values[k];
      const auto& [ptr, limits] = part.results[k];
      SCOPED_TRACE("test " + std::to_string(v.test));
      ASSERT_EQ(ptr.testNumber, v.test);
      // The datalog rounds to its printed decimals; the float adds its own ulp.
      const double tolerance = 0.5 * std::pow(10.0, -v.decimals) + 1e-6 * std::abs(v.value);
      EXPECT_NEAR(ptr.result * v.scale, v.value, tolerance);
      ASSERT_TRUE(limits.low && limits.high);
      EXPECT_NEAR(*limits.low * v.scale, v.low, tolerance);
      EXPECT_NEAR(*limits.high * v.scale, v.high, tolerance);
      if (v.alarm)
        EXPECT_TRUE(ptr.testFlags & 0x01);  // TEST_FLG bit 0: alarm (the datalog shows it over the fail)
      else
        EXPECT_EQ(ptr.failed(), v.failed);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 31605u);  // every PTR of the file has its datalog line
}

}  // namespace
}  // namespace fab::stdf

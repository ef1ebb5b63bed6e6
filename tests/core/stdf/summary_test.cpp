// Every real STDF file summarised, its counts checked against its own record
// headers walked independently (tests/core/stdf/stdf_files.h), compressed
// files against their decompressed bytes, and the PROVENANCE figures by hand.
#include "core/stdf/summary.h"

#include <gtest/gtest.h>

#include "core/common/error.h"
#include "tests/core/stdf/stdf_files.h"
#include "tests/support/temp_dir.h"

namespace fab::stdf {
namespace {

using test::countByType;
using test::decompressedBytes;
using test::stdfFile;
using test::walkHeaders;

/// Part counts read straight from the PRR bodies: good = PART_FLG bits 3 and 4
/// clear (body byte 2), hard bin = body bytes 5–6 in the file's byte order.
struct PrrFacts {
  std::int64_t parts = 0, good = 0;
  std::map<int, std::int64_t> hardBins;
};

PrrFacts prrFacts(const std::string& bytes) {
  PrrFacts f;
  const bool big = bytes[4] == 1;
  for (const auto& h : walkHeaders(bytes)) {
    if (h.type != 5 || h.sub != 20) continue;
    ++f.parts;
    const auto* body = reinterpret_cast<const unsigned char*>(bytes.data() + h.offset + 4);
    if (h.length >= 3 && (body[2] & 0x18) == 0) ++f.good;
    if (h.length >= 7) ++f.hardBins[big ? (body[5] << 8 | body[6]) : (body[6] << 8 | body[5])];
  }
  return f;
}

TEST(StdfSummary, EveryRealFileCountsWhatItsRecordHeadersSay) {
  const auto files = test::realStdfFiles();
  ASSERT_EQ(files.size(), 27u);  // PROVENANCE.md: 27 STDF files
  for (const auto& path : files) {
    SCOPED_TRACE(path);
    const std::string bytes = decompressedBytes(path);
    const auto headers = walkHeaders(bytes);
    const auto counts = countByType(headers);
    const auto facts = prrFacts(bytes);
    const StdfSummary s = summarise(path);
    EXPECT_EQ(s.bytes, bytes.size());
    EXPECT_EQ(s.parts, facts.parts);
    EXPECT_EQ(s.good, facts.good);
    EXPECT_EQ(s.wafers, counts.count({2, 10}) ? counts.at({2, 10}) : 0);
    std::int64_t framed = s.unknownRecords;
    for (const auto& [name, n] : s.records) framed += n;
    EXPECT_EQ(framed, static_cast<std::int64_t>(headers.size()));
    for (const auto& [type, name] : std::map<std::pair<unsigned, unsigned>, std::string>{{{15, 10}, "PTR"},
                                                                                         {{15, 15}, "MPR"},
                                                                                         {{5, 20}, "PRR"},
                                                                                         {{1, 40}, "HBR"},
                                                                                         {{1, 50}, "SBR"},
                                                                                         {{2, 10}, "WIR"}}) {
      const auto expected = counts.count(type) ? counts.at(type) : 0;
      EXPECT_EQ(s.records.count(name) ? s.records.at(name) : 0, expected) << name;
    }
    std::int64_t binned = 0;
    for (const auto& [bin, b] : s.hardBins) {
      EXPECT_EQ(b.count, facts.hardBins.count(bin) ? facts.hardBins.at(bin) : 0) << "hard bin " << bin;
      binned += b.count;
    }
    EXPECT_EQ(binned, s.parts);
    std::int64_t onWafers = 0;
    for (const auto& w : s.waferYields) onWafers += w.parts;
    if (s.wafers > 0) EXPECT_EQ(onWafers, s.parts - (path.ends_with("x.stdf") ? 1 : 0));  // x.stdf: PRR before WIR
    EXPECT_EQ(s.unknownRecords, 0);
  }
}

TEST(StdfSummary, ByHandFromProvenance) {
  // PROVENANCE.md, checked against each file's MIR and PRRs.
  const auto a595 = summarise(stdfFile("stdflib/a595.stdf"));
  EXPECT_TRUE(a595.bigEndian);
  EXPECT_EQ(a595.cpuType, 1);
  EXPECT_EQ(a595.parts, 336);
  EXPECT_EQ(a595.wafers, 3);
  EXPECT_EQ(a595.records.at("PTR"), 31605);
  EXPECT_EQ(a595.records.at("FTR"), 4649);
  EXPECT_EQ(a595.records.at("DTR"), 2506);
  ASSERT_TRUE(a595.mir);
  EXPECT_EQ(a595.mir->node, "a595-tst");
  EXPECT_EQ(a595.mir->partType, "mcc");

  const auto rabbi = summarise(stdfFile("itestinc_stdf2xls/special_stdf/rabbi.stdf"));
  EXPECT_FALSE(rabbi.bigEndian);
  EXPECT_EQ(rabbi.cpuType, 2);
  EXPECT_EQ(rabbi.parts, 400);
  EXPECT_EQ(rabbi.wafers, 0);
  EXPECT_EQ(rabbi.records.at("PTR"), 82800);
  EXPECT_EQ(rabbi.records.at("FTR"), 8400);
  EXPECT_EQ(isoTime(rabbi.mir->startTime).substr(0, 10), "2016-06-08");

  const auto lot2 = summarise(stdfFile("rust-stdf_galaxy_demo/lot2.stdf.gz"));
  EXPECT_TRUE(lot2.bigEndian);
  EXPECT_EQ(lot2.compression, "gzip");
  EXPECT_EQ(lot2.bytes, 4418001u);
  EXPECT_EQ(lot2.parts, 1569);
  EXPECT_EQ(lot2.records.at("PTR"), 52403);
  EXPECT_EQ(lot2.mir->lot, "GAL-LOT");
  EXPECT_EQ(lot2.mir->partType, "GOLD8BAR");
  EXPECT_EQ(isoTime(lot2.mir->startTime).substr(0, 10), "2001-06-05");
  ASSERT_EQ(lot2.waferYields.size(), 1u);
  EXPECT_EQ(lot2.waferYields[0].parts, 1569);

  const auto big93k = summarise(stdfFile("itestinc_stdf2xls/special_stdf/TEST_FT_GX36_A2_FT_E_02032013_0230.stdf"));
  EXPECT_TRUE(big93k.bigEndian);
  EXPECT_EQ(big93k.parts, 3);
  EXPECT_EQ(big93k.records.at("MPR"), 36);
  EXPECT_EQ(big93k.records.count("PTR"), 0u);
  EXPECT_EQ(isoTime(big93k.mir->startTime).substr(0, 10), "2013-02-08");

  // The V4-2007 sample: one of every record, bzip2.
  const auto v2007 = summarise(stdfFile("libstdf_C/stdf.bz2"));
  EXPECT_EQ(v2007.compression, "bzip2");
  for (const char* name : {"VUR", "PSR", "NMR", "CNR", "SSR", "CDR", "STR"})
    EXPECT_EQ(v2007.records.at(name), 1) << name;

  const auto fragment = summarise(stdfFile("Semi-ATE_STDF/test.stdf"));
  EXPECT_FALSE(fragment.mir);
  EXPECT_EQ(fragment.wafers, 1);
  EXPECT_EQ(fragment.parts, 0);
}

TEST(StdfSummary, CompressedFilesEqualTheirDecompressedTwins) {
  test::TempDir dir;
  for (const char* name : {"rust-stdf_galaxy_demo/lot2.stdf.gz", "rust-stdf_galaxy_demo/lot3.stdf.gz",
                           "STDF.RADAR/a530_demofile.stdf.gz", "libstdf_C/stdf.bz2"}) {
    SCOPED_TRACE(name);
    const auto plainPath = dir.write("plain.stdf", decompressedBytes(stdfFile(name)));
    const auto packed = summarise(stdfFile(name)), plain = summarise(plainPath);
    EXPECT_EQ(plain.compression, "none");
    EXPECT_EQ(packed.bytes, plain.bytes);
    EXPECT_EQ(packed.parts, plain.parts);
    EXPECT_EQ(packed.good, plain.good);
    EXPECT_EQ(packed.wafers, plain.wafers);
    EXPECT_EQ(packed.records, plain.records);
    ASSERT_EQ(packed.tests.size(), plain.tests.size());
    for (std::size_t i = 0; i < plain.tests.size(); ++i) {
      EXPECT_EQ(packed.tests[i].count, plain.tests[i].count);
      EXPECT_EQ(packed.tests[i].mean, plain.tests[i].mean);
      EXPECT_EQ(packed.tests[i].sigma, plain.tests[i].sigma);
    }
  }
  // lot3 and the relabelled a530 demo file hold the same parts and tests under another MIR.
  const auto lot3 = summarise(stdfFile("rust-stdf_galaxy_demo/lot3.stdf.gz"));
  const auto demo = summarise(stdfFile("STDF.RADAR/a530_demofile.stdf.gz"));
  EXPECT_EQ(lot3.parts, demo.parts);
  EXPECT_EQ(lot3.good, demo.good);
  EXPECT_EQ(lot3.tests.size(), demo.tests.size());
  EXPECT_NE(lot3.mir->lot, demo.mir->lot);
  EXPECT_EQ(demo.mir->lot, "W118892");
}

TEST(StdfSummary, TestStatisticsEqualAnIndependentPassOverThePtrs) {
  // Test 210 of a595 (IDD_Static): mean and sample σ of every valid RESULT,
  // read straight from the PTR bodies (TEST_NUM U4, HEAD, SITE, TEST_FLG,
  // PARM_FLG, RESULT R4; big-endian).
  const std::string bytes = decompressedBytes(stdfFile("stdflib/a595.stdf"));
  std::vector<double> values;
  for (const auto& h : walkHeaders(bytes)) {
    if (h.type != 15 || h.sub != 10 || h.length < 12) continue;
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + h.offset + 4);
    const std::uint32_t number = b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
    if (number != 210 || (b[6] & 0x12)) continue;
    const std::uint32_t bits = static_cast<std::uint32_t>(b[8]) << 24 | b[9] << 16 | b[10] << 8 | b[11];
    values.push_back(std::bit_cast<float>(bits));
  }
  ASSERT_GT(values.size(), 300u);
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double sigma = std::sqrt(ss / static_cast<double>(values.size() - 1));
  const auto s = summarise(stdfFile("stdflib/a595.stdf"));
  const auto it = std::find_if(s.tests.begin(), s.tests.end(), [](const TestSummary& t) { return t.number == 210; });
  ASSERT_NE(it, s.tests.end());
  EXPECT_EQ(it->count, static_cast<std::int64_t>(values.size()));
  EXPECT_NEAR(it->mean, mean, 1e-12);
  EXPECT_NEAR(it->sigma, sigma, 1e-12);
  // Limits from the datalog: 35.00 ma < IDD_Static < 55.00 ma.
  EXPECT_NEAR(*it->low, 0.035, 1e-9);
  EXPECT_NEAR(*it->high, 0.055, 1e-9);
}

TEST(StdfSummary, NotStdfIsRefused) {
  try {
    summarise(stdfFile("STDF.RADAR/a595-tst_2_mcc_TEST_dec02_08_54.data.gz"));
    FAIL() << "an ASCII datalog was read as STDF";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not an STDF file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fab::stdf

// The reader's framing and decoding: both byte orders give the same values,
// fields left out at a record's end take their defaults (PTR default-field
// rule), unknown records are skipped and counted, and a truncated or corrupt
// file is refused naming the byte offset and the record type.
#include "core/stdf/record_reader.h"

#include <gtest/gtest.h>

#include "core/common/error.h"
#include "core/stdf/summary.h"
#include "core/stdf/test_catalog.h"
#include "tests/core/stdf/stdf_builder.h"
#include "tests/core/stdf/stdf_files.h"
#include "tests/support/temp_dir.h"

namespace fab::stdf {
namespace {

using test::StdfBuilder;

/// A wafer of two parts; test 100 has its name, units and limits in the
/// first PTR only (the second ends after RESULT), test 200 says in its second
/// PTR that its low limit is the default (OPT_FLAG bit 4) and it has no high limit (bit 7).
std::string twoPartWafer(bool big) {
  StdfBuilder b(big);
  b.u4(1000)
      .u4(1700000000)
      .u1(1)
      .u1('P')
      .u1(' ')
      .u1(' ')
      .u2(0)
      .u1(' ')
      .cn("LOT7")
      .cn("PT9")
      .cn("node1")
      .cn("tt")
      .cn("prog");
  b.end(1, 10);                                             // MIR (ends after JOB_NAM)
  b.u1(1).u1(255).u4(1700000001).cn("LOT7-05").end(2, 10);  // WIR
  for (int part = 0; part < 2; ++part) {
    b.u1(1).u1(0).end(5, 10);  // PIR
    b.u4(100).u1(1).u1(0).u1(0).u1(0).r4(part ? 2.5f : 1.5f);
    if (part == 0) b.cn("VDD").cn("").u1(0).u1(0).u1(0).u1(0).r4(1.0f).r4(3.0f).cn("V");
    b.end(15, 10);  // PTR
    b.u4(200).u1(1).u1(0).u1(part ? 0x80 : 0).u1(0).r4(part ? 7.0f : 5.0f).cn(part ? "" : "IDD").cn("");
    b.u1(part ? 0x90 : 0).u1(0).u1(0).u1(0).r4(part ? 9.0f : 4.0f).r4(6.0f).cn(part ? "" : "A");
    b.end(15, 10);  // PTR
    b.u1(1).u1(0).u1(part ? 0x08 : 0).u2(2).u2(part ? 5 : 1).u2(part ? 50 : 10).i2(3 + part).i2(-2);
    b.end(5, 20);  // PRR (ends after Y_COORD)
  }
  b.u1(1).u1(255).u4(1700000100).u4(2).end(2, 20);  // WRR
  b.u4(1700000200).end(1, 20);                      // MRR
  return b.bytes();
}

TEST(StdfReader, BothByteOrdersReadTheSameValues) {
  test::TempDir dir;
  const auto little = summarise(dir.write("le.stdf", twoPartWafer(false)));
  const auto big = summarise(dir.write("be.stdf", twoPartWafer(true)));
  for (const auto* s : {&little, &big}) {
    ASSERT_TRUE(s->mir);
    EXPECT_EQ(s->mir->lot, "LOT7");
    EXPECT_EQ(s->mir->job, "prog");
    EXPECT_EQ(s->mir->sublot, "");  // left out: default
    EXPECT_EQ(isoTime(s->mir->startTime), "2023-11-14T22:13:20Z");
    EXPECT_EQ(s->parts, 2);
    EXPECT_EQ(s->good, 1);
    EXPECT_EQ(s->wafers, 1);
    EXPECT_EQ(s->waferYields.at(0).good, 1);
    EXPECT_EQ(s->hardBins.at(1).count, 1);
    EXPECT_EQ(s->softBins.at(50).count, 1);
    ASSERT_EQ(s->tests.size(), 2u);
    const auto& vdd = s->tests[0];
    EXPECT_EQ(vdd.name, "VDD");
    EXPECT_EQ(vdd.units, "V");
    EXPECT_EQ(vdd.count, 2);
    EXPECT_DOUBLE_EQ(vdd.mean, 2.0);
    EXPECT_DOUBLE_EQ(vdd.sigma, std::sqrt(0.5));  // values 1.5, 2.5: s² = 2 · 0.5² / 1
    EXPECT_EQ(vdd.low, 1.0);
    EXPECT_EQ(vdd.high, 3.0);
    const auto& idd = s->tests[1];
    EXPECT_EQ(idd.name, "IDD");
    EXPECT_EQ(idd.fails, 1);
  }
  EXPECT_FALSE(little.bigEndian);
  EXPECT_TRUE(big.bigEndian);
}

TEST(StdfReader, LaterPtrsInheritTheFirstPtrsFields) {
  TestCatalog catalog;
  Ptr first;
  first.testNumber = 200;
  first.name = "IDD";
  first.units = "A";
  first.hasOptFlag = true;
  first.optFlag = 0;
  first.lowLimit = 4;
  first.highLimit = 6;
  const auto a = catalog.resolve(first);
  EXPECT_EQ(a.low, 4.0);
  EXPECT_EQ(a.high, 6.0);
  Ptr later;
  later.testNumber = 200;
  later.hasOptFlag = true;
  later.optFlag = 0x90;  // bit 4: LO_LIMIT invalid, use the default; bit 7: no high limit
  later.lowLimit = 9;
  later.highLimit = 9;
  const auto b = catalog.resolve(later);
  EXPECT_EQ(b.name, "IDD");
  EXPECT_EQ(b.units, "A");
  EXPECT_EQ(b.low, 4.0);
  EXPECT_FALSE(b.high);
  Ptr shortRecord;  // ended before OPT_FLAG: as decodePtr marks it
  shortRecord.testNumber = 200;
  shortRecord.optFlag = 0x30;
  const auto c = catalog.resolve(shortRecord);
  EXPECT_EQ(c.low, 4.0);
  EXPECT_EQ(c.high, 6.0);
}

TEST(StdfReader, UnknownRecordsAreSkippedAndCounted) {
  test::TempDir dir;
  std::string bytes = twoPartWafer(false);
  StdfBuilder extra(false);
  extra.u4(42).u4(43).end(180, 7).u1(1).end(1, 99);  // a tester maker's record, and an unassigned subtype
  bytes += extra.bytes().substr(6);                  // without its FAR
  const auto s = summarise(dir.write("extra.stdf", bytes));
  EXPECT_EQ(s.unknownRecords, 2);
  EXPECT_EQ(s.parts, 2);
}

/// The message of the fab::Error reading `path` throws ("" when none).
std::string refusal(const std::string& path) {
  try {
    summarise(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(StdfReader, TruncatedFilesAreRefusedNamingTheOffsetAndRecord) {
  test::TempDir dir;
  const std::string bytes = test::decompressedBytes(test::stdfFile("stdflib/a595.stdf"));
  const auto headers = test::walkHeaders(bytes);
  // Cut inside a header and inside bodies, early, in the middle and near the end.
  for (std::size_t index : {std::size_t{3}, headers.size() / 3, headers.size() / 2, headers.size() - 2}) {
    const auto& h = headers[index];
    for (std::size_t into : {std::size_t{2}, std::size_t{4} + h.length / 2}) {
      if (into >= 4 + h.length) continue;
      SCOPED_TRACE("cut " + std::to_string(into) + " bytes into record " + std::to_string(index));
      const auto path = dir.write("cut.stdf", bytes.substr(0, h.offset + into));
      const std::string message = refusal(path);
      EXPECT_NE(message.find("byte " + std::to_string(h.offset)), std::string::npos) << message;
      EXPECT_NE(message.find("truncated"), std::string::npos) << message;
      if (into > 4) {
        EXPECT_NE(message.find(describeRecordType(h.type, h.sub)), std::string::npos) << message;
      }
    }
  }
  // A gzip file cut short.
  const std::string gz = test::readBytes(test::stdfFile("rust-stdf_galaxy_demo/lot2.stdf.gz"));
  const std::string message = refusal(dir.write("cut.stdf.gz", gz.substr(0, gz.size() / 2)));
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  EXPECT_NE(message.find("byte "), std::string::npos) << message;
}

TEST(StdfReader, CorruptRecLenIsRefused) {
  test::TempDir dir;
  const std::string bytes = test::decompressedBytes(test::stdfFile("stdflib/a595.stdf"));
  const auto headers = test::walkHeaders(bytes);
  for (std::size_t index : {std::size_t{10}, std::size_t{1000}, headers.size() / 2}) {
    for (unsigned corrupt : {1u, 3u, 0x7fu, 0xffffu}) {
      const auto& h = headers[index];
      SCOPED_TRACE("record " + std::to_string(index) + " REC_LEN " + std::to_string(h.length) + " → " +
                   std::to_string(corrupt));
      std::string broken = bytes;
      broken[h.offset] = static_cast<char>(corrupt >> 8);  // big-endian REC_LEN
      broken[h.offset + 1] = static_cast<char>(corrupt & 0xff);
      const std::string message = refusal(dir.write("corrupt.stdf", broken));
      EXPECT_NE(message.find("byte "), std::string::npos) << message;
      EXPECT_TRUE(message.find("corrupt") != std::string::npos || message.find("truncated") != std::string::npos)
          << message;
    }
  }
}

TEST(StdfReader, ByteOrderComesFromTheFar) {
  RecordReader big(test::stdfFile("stdflib/a595.stdf"));
  EXPECT_EQ(big.byteOrder(), ByteOrder::Big);
  EXPECT_EQ(big.stdfVersion(), 4);
  RecordReader little(test::stdfFile("stdf2xls4/d10_1.std"));
  EXPECT_EQ(little.byteOrder(), ByteOrder::Little);
  RawRecord r;
  ASSERT_TRUE(little.next(r));
  EXPECT_EQ(r.code(), (0 << 8 | 10));
  EXPECT_EQ(r.offset, 0u);
}

}  // namespace
}  // namespace fab::stdf

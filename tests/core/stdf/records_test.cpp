// Decoding of the records' fields (core/stdf/records.h) against a file whose
// strings name their own fields.
#include "core/stdf/records.h"

#include <gtest/gtest.h>

#include <map>

#include "core/stdf/record_reader.h"
#include "core/stdf/record_types.h"
#include "tests/core/stdf/stdf_files.h"

namespace fab::stdf {
namespace {

TEST(StdfRecords, FieldsDecodeInTheSpecificationsOrder) {
  // libstdf's test file writes every string field as its own field name
  // ("LOT_ID", "HBIN_NAM"…): each decoded string names the field it was read as.
  RecordReader reader(test::stdfFile("libstdf_C/stdf.bz2"));
  const auto order = reader.byteOrder();
  RawRecord r;
  std::map<std::string, int> seen;
  while (reader.next(r)) {
    switch (r.code()) {
      case kind::MIR: {
        const auto m = decodeMir(r, order);
        EXPECT_EQ(m.lot, "LOT_ID");
        EXPECT_EQ(m.partType, "PART_TYP");
        EXPECT_EQ(m.node, "NODE_NAM");
        EXPECT_EQ(m.testerType, "TSTR_TYP");
        EXPECT_EQ(m.job, "JOB_NAM");
        EXPECT_EQ(m.jobRevision, "JOB_REV");
        EXPECT_EQ(m.sublot, "SBLOT_ID");
        EXPECT_EQ(m.operatorName, "OPER_NAM");
        EXPECT_EQ(m.execType, "EXEC_TYP");
        EXPECT_EQ(m.execVersion, "EXEC_VER");
        EXPECT_EQ(m.testCode, "TEST_COD");
        EXPECT_EQ(m.temperature, "TST_TEMP");
        EXPECT_EQ(m.facility, "FACIL_ID");
        break;
      }
      case kind::WIR:
        EXPECT_EQ(decodeWir(r, order).waferId, "WAFER_ID");
        break;
      case kind::WRR: {
        const auto w = decodeWrr(r, order);
        EXPECT_EQ(w.waferId, "WAFER_ID");
        EXPECT_EQ(w.fabWaferId, "FABWF_ID");
        EXPECT_EQ(w.frameId, "FRAME_ID");
        EXPECT_EQ(w.maskId, "MASK_ID");
        break;
      }
      case kind::HBR:
        EXPECT_EQ(decodeBin(r, order).name, "HBIN_NAM");
        break;
      case kind::SBR:
        EXPECT_EQ(decodeBin(r, order).name, "SBIN_NAM");
        break;
      case kind::TSR: {
        const auto t = decodeTsr(r, order);
        EXPECT_EQ(t.name, "TEST_NAM");
        EXPECT_EQ(t.sequence, "SEQ_NAME");
        EXPECT_EQ(t.label, "TEST_LBL");
        break;
      }
      case kind::PTR: {
        Ptr p;
        decodePtr(r, order, p);
        EXPECT_EQ(p.name, "TEST_TXT");
        break;
      }
      case kind::MPR: {
        Mpr m;
        decodeMpr(r, order, m);
        EXPECT_EQ(m.name, "TEST_TXT");
        break;
      }
      case kind::FTR: {
        const auto f = decodeFtr(r, order);
        EXPECT_EQ(f.vector, "VECT_NAM");
        EXPECT_EQ(f.name, "TEST_TXT");
        break;
      }
      default:
        continue;
    }
    ++seen[recordName(r.type, r.sub)];
  }
  for (const char* name : {"MIR", "WIR", "WRR", "HBR", "SBR", "TSR", "PTR", "MPR", "FTR"})
    EXPECT_EQ(seen[name], 1) << name;
}

}  // namespace
}  // namespace fab::stdf

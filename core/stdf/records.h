#pragma once
// The decoded fields of the STDF V4 records fabkit uses (STDF Specification
// V4, one section per record; field names in comments are the spec's). Fields
// the record leaves out take the spec's "missing/invalid data" value, noted
// per field. Strings are copies: a record outlives the reader's buffer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/stdf/record_reader.h"

namespace fab::stdf {

/// X_COORD / Y_COORD value meaning "no coordinate" (PRR).
constexpr std::int16_t kNoCoordinate = -32768;
/// SOFT_BIN value meaning "no soft bin" (PRR).
constexpr std::uint16_t kNoSoftBin = 65535;

struct Far {
  int cpuType = 0, stdfVersion = 0;  // CPU_TYPE, STDF_VER
};

struct Mir {
  std::uint32_t setupTime = 0, startTime = 0;  // SETUP_T, START_T: seconds since 1970-01-01 UTC
  int station = 0;                             // STAT_NUM
  char modeCode = ' ', retestCode = ' ';       // MODE_COD, RTST_COD
  std::string lot, partType, node, testerType, job, jobRevision, sublot, operatorName, execType, execVersion, testCode,
      temperature, facility;  // LOT_ID PART_TYP NODE_NAM TSTR_TYP JOB_NAM JOB_REV SBLOT_ID OPER_NAM
                              // EXEC_TYP EXEC_VER TEST_COD TST_TEMP FACIL_ID
};

struct Mrr {
  std::uint32_t finishTime = 0;  // FINISH_T
  char disposition = ' ';        // DISP_COD
};

/// PCR, HBR/SBR: per head and site; HEAD_NUM 255 is the summary over all sites.
struct Pcr {
  int head = 0, site = 0;
  std::uint32_t parts = 0, retests = 0, aborts = 0, good = 0,
                functional = 0;  // PART_CNT RTST_CNT ABRT_CNT GOOD_CNT FUNC_CNT
};

struct BinRecord {  // HBR or SBR
  int head = 0, site = 0;
  int number = 0;           // HBIN_NUM / SBIN_NUM
  std::uint32_t count = 0;  // HBIN_CNT / SBIN_CNT
  char passFail = ' ';      // HBIN_PF: 'P', 'F' or ' ' (unknown)
  std::string name;         // HBIN_NAM
};

struct Wir {
  int head = 0, siteGroup = 255;  // HEAD_NUM, SITE_GRP (255 = not used)
  std::uint32_t startTime = 0;
  std::string waferId;  // WAFER_ID (may be empty)
};

struct Wrr {
  int head = 0, siteGroup = 255;
  std::uint32_t finishTime = 0;
  std::uint32_t parts = 0, retests = 0, aborts = 0, good = 0, functional = 0;  // 4294967295 = missing
  std::string waferId, fabWaferId, frameId, maskId;
};

struct Wcr {
  float waferSize = 0, dieHeight = 0, dieWidth = 0;  // WAFR_SIZ, DIE_HT, DIE_WID (0 = unknown)
  int units = 0;                                     // WF_UNITS: 0 unknown, 1 in, 2 cm, 3 mm, 4 mil
  char flat = ' ';                                   // WF_FLAT: U D L R (' ' unknown)
  int centerX = kNoCoordinate, centerY = kNoCoordinate;
  char positiveX = ' ', positiveY = ' ';  // POS_X: L or R, POS_Y: U or D
};

struct Pir {
  int head = 0, site = 0;
};

struct Prr {
  int head = 0, site = 0;
  std::uint8_t flags = 0;  // PART_FLG
  int tests = 0;           // NUM_TEST
  int hardBin = 0;         // HARD_BIN
  int softBin = kNoSoftBin;
  int x = kNoCoordinate, y = kNoCoordinate;
  std::uint32_t testTimeMs = 0;  // TEST_T (0 = not given)
  std::string partId, partText;
  bool supersedesPartId() const { return flags & 0x01; }  // bit 0
  bool supersedesXY() const { return flags & 0x02; }      // bit 1
  bool abnormalEnd() const { return flags & 0x04; }       // bit 2
  /// Bit 4 = 0: the pass/fail flag (bit 3) is valid.
  bool passFailValid() const { return !(flags & 0x10); }
  /// Bits 3 and 4 both 0: the part passed.
  bool passed() const { return !(flags & 0x18); }
  bool hasCoordinates() const { return x != kNoCoordinate && y != kNoCoordinate; }
};

/// TSR: per-test summary over a head/site (255 = all).
struct Tsr {
  int head = 0, site = 0;
  char testType = ' ';  // P parametric, F functional, M multiple-result, S scan, ' ' unknown
  std::uint32_t testNumber = 0, executed = 0, failed = 0, alarms = 0;
  std::string name, sequence, label;
};

/// PTR, the fields as this record has them (defaults applied later by TestCatalog).
struct Ptr {
  std::uint32_t testNumber = 0;
  int head = 0, site = 0;
  std::uint8_t testFlags = 0, parmFlags = 0;  // TEST_FLG, PARM_FLG
  float result = 0;
  std::string name;             // TEST_TXT
  bool hasOptFlag = false;      // OPT_FLAG present in the record
  std::uint8_t optFlag = 0x30;  // OPT_FLAG (bits 4, 5 set when left out: limits from the first record)
  int resultScale = 0, lowScale = 0, highScale = 0;
  float lowLimit = 0, highLimit = 0;
  std::string units;
  /// RESULT usable: TEST_FLG bit 1 (result invalid) and bit 4 (not executed) clear.
  bool resultValid() const { return !(testFlags & 0x12); }
  /// TEST_FLG bit 6 clear (pass/fail valid) and bit 7 set (failed).
  bool failed() const { return (testFlags & 0xC0) == 0x80; }
};

/// MPR: one test, several pins' results.
struct Mpr {
  std::uint32_t testNumber = 0;
  int head = 0, site = 0;
  std::uint8_t testFlags = 0, parmFlags = 0;
  std::vector<float> results;       // RTN_RSLT
  std::vector<std::uint16_t> pins;  // RTN_INDX (PMR indices); empty when defaulted
  std::string name, units;
  bool hasOptFlag = false;
  std::uint8_t optFlag = 0x30;
  float lowLimit = 0, highLimit = 0;
  bool resultValid() const { return !(testFlags & 0x12); }
  bool failed() const { return (testFlags & 0xC0) == 0x80; }
};

/// FTR: the fields up to the test text (vector and pin detail skipped).
struct Ftr {
  std::uint32_t testNumber = 0;
  int head = 0, site = 0;
  std::uint8_t testFlags = 0;
  std::uint32_t failingPins = 0;  // NUM_FAIL
  std::string vector, name;       // VECT_NAM, TEST_TXT
  bool failed() const { return (testFlags & 0xC0) == 0x80; }
};

Far decodeFar(const RawRecord& r, ByteOrder order);
Mir decodeMir(const RawRecord& r, ByteOrder order);
Mrr decodeMrr(const RawRecord& r, ByteOrder order);
Pcr decodePcr(const RawRecord& r, ByteOrder order);
BinRecord decodeBin(const RawRecord& r, ByteOrder order);  ///< HBR or SBR
Wir decodeWir(const RawRecord& r, ByteOrder order);
Wrr decodeWrr(const RawRecord& r, ByteOrder order);
Wcr decodeWcr(const RawRecord& r, ByteOrder order);
Pir decodePir(const RawRecord& r, ByteOrder order);
Prr decodePrr(const RawRecord& r, ByteOrder order);
Tsr decodeTsr(const RawRecord& r, ByteOrder order);
/// Decodes into `out` (reusing its strings' storage: PTRs are most of a file).
void decodePtr(const RawRecord& r, ByteOrder order, Ptr& out);
void decodeMpr(const RawRecord& r, ByteOrder order, Mpr& out);
Ftr decodeFtr(const RawRecord& r, ByteOrder order);

/// ISO 8601 UTC ("2001-06-05T10:21:08Z") of an STDF time (seconds since
/// 1970-01-01 UTC); "" for 0, which STDF uses for "not given".
std::string isoTime(std::uint32_t seconds);

}  // namespace fab::stdf

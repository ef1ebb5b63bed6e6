#include "core/stdf/records.h"

#include <ctime>

#include "core/stdf/field_reader.h"

namespace fab::stdf {
namespace {

FieldReader fieldsOf(const RawRecord& r, ByteOrder order) { return FieldReader(r.body, order); }

void assign(std::string& out, std::string_view text) { out.assign(text.data(), text.size()); }

/// Test names and units without the padding some testers write ("V ").
void assignTrimmed(std::string& out, std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  assign(out, text);
}

}  // namespace

Far decodeFar(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Far far;
  far.cpuType = f.u1();
  far.stdfVersion = f.u1();
  return far;
}

Mir decodeMir(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Mir m;
  m.setupTime = f.u4();
  m.startTime = f.u4();
  m.station = f.u1();
  m.modeCode = f.c1();
  m.retestCode = f.c1();
  f.c1();  // PROT_COD
  f.u2();  // BURN_TIM
  f.c1();  // CMOD_COD
  assign(m.lot, f.cn());
  assign(m.partType, f.cn());
  assign(m.node, f.cn());
  assign(m.testerType, f.cn());
  assign(m.job, f.cn());
  assign(m.jobRevision, f.cn());
  assign(m.sublot, f.cn());
  assign(m.operatorName, f.cn());
  assign(m.execType, f.cn());
  assign(m.execVersion, f.cn());
  assign(m.testCode, f.cn());
  assign(m.temperature, f.cn());
  f.cn();  // USER_TXT
  f.cn();  // AUX_FILE
  f.cn();  // PKG_TYP
  f.cn();  // FAMLY_ID
  f.cn();  // DATE_COD
  assign(m.facility, f.cn());
  return m;
}

Mrr decodeMrr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Mrr m;
  m.finishTime = f.u4();
  m.disposition = f.c1();
  return m;
}

Pcr decodePcr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Pcr p;
  p.head = f.u1();
  p.site = f.u1();
  p.parts = f.u4();
  p.retests = f.u4(0xffffffff);
  p.aborts = f.u4(0xffffffff);
  p.good = f.u4(0xffffffff);
  p.functional = f.u4(0xffffffff);
  return p;
}

BinRecord decodeBin(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  BinRecord b;
  b.head = f.u1();
  b.site = f.u1();
  b.number = f.u2();
  b.count = f.u4();
  b.passFail = f.c1();
  assign(b.name, f.cn());
  return b;
}

Wir decodeWir(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Wir w;
  w.head = f.u1();
  w.siteGroup = f.u1(255);
  w.startTime = f.u4();
  assign(w.waferId, f.cn());
  return w;
}

Wrr decodeWrr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Wrr w;
  w.head = f.u1();
  w.siteGroup = f.u1(255);
  w.finishTime = f.u4();
  w.parts = f.u4();
  w.retests = f.u4(0xffffffff);
  w.aborts = f.u4(0xffffffff);
  w.good = f.u4(0xffffffff);
  w.functional = f.u4(0xffffffff);
  assign(w.waferId, f.cn());
  assign(w.fabWaferId, f.cn());
  assign(w.frameId, f.cn());
  assign(w.maskId, f.cn());
  return w;
}

Wcr decodeWcr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Wcr w;
  w.waferSize = f.r4(0);
  w.dieHeight = f.r4(0);
  w.dieWidth = f.r4(0);
  w.units = f.u1();
  w.flat = f.c1();
  w.centerX = f.i2(kNoCoordinate);
  w.centerY = f.i2(kNoCoordinate);
  w.positiveX = f.c1();
  w.positiveY = f.c1();
  return w;
}

Pir decodePir(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Pir p;
  p.head = f.u1();
  p.site = f.u1();
  return p;
}

Prr decodePrr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Prr p;
  p.head = f.u1();
  p.site = f.u1();
  p.flags = f.u1();
  p.tests = f.u2();
  p.hardBin = f.u2();
  p.softBin = f.u2(kNoSoftBin);
  p.x = f.i2(kNoCoordinate);
  p.y = f.i2(kNoCoordinate);
  p.testTimeMs = f.u4();
  assign(p.partId, f.cn());
  assign(p.partText, f.cn());
  return p;
}

Tsr decodeTsr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Tsr t;
  t.head = f.u1();
  t.site = f.u1();
  t.testType = f.c1();
  t.testNumber = f.u4();
  t.executed = f.u4(0xffffffff);
  t.failed = f.u4(0xffffffff);
  t.alarms = f.u4(0xffffffff);
  assign(t.name, f.cn());
  assign(t.sequence, f.cn());
  assign(t.label, f.cn());
  return t;
}

void decodePtr(const RawRecord& r, ByteOrder order, Ptr& p) {
  auto f = fieldsOf(r, order);
  p.testNumber = f.u4();
  p.head = f.u1();
  p.site = f.u1();
  p.testFlags = f.u1();
  p.parmFlags = f.u1();
  p.result = f.r4(0);
  if (f.ended()) p.testFlags |= 0x02;  // no RESULT in the record: not a result
  assignTrimmed(p.name, f.cn());
  f.cn();  // ALARM_ID
  p.hasOptFlag = f.more();
  p.optFlag = f.u1(0);
  p.resultScale = f.i1();
  p.lowScale = f.i1();
  p.highScale = f.i1();
  p.lowLimit = f.r4(0);
  p.highLimit = f.r4(0);
  // A record ending before its OPT_FLAG or limits leaves them to the test's
  // first record (OPT_FLAG bits 4 and 5: LO_LIMIT, HI_LIMIT invalid).
  if (!p.hasOptFlag || f.ended()) p.optFlag |= 0x30;
  assignTrimmed(p.units, f.cn());
}

void decodeMpr(const RawRecord& r, ByteOrder order, Mpr& m) {
  auto f = fieldsOf(r, order);
  m.testNumber = f.u4();
  m.head = f.u1();
  m.site = f.u1();
  m.testFlags = f.u1();
  m.parmFlags = f.u1();
  const std::size_t pins = f.u2(), results = f.u2();
  f.skipNibbles(pins);  // RTN_STAT
  m.results.clear();
  for (std::size_t i = 0; i < results && f.more(); ++i) m.results.push_back(f.r4());
  assignTrimmed(m.name, f.cn());
  f.cn();  // ALARM_ID
  m.hasOptFlag = f.more();
  m.optFlag = f.u1(0);
  f.i1();  // RES_SCAL
  f.i1();  // LLM_SCAL
  f.i1();  // HLM_SCAL
  m.lowLimit = f.r4(0);
  m.highLimit = f.r4(0);
  // A record ending before its OPT_FLAG or limits leaves them to the test's
  // first record (OPT_FLAG bits 4 and 5: LO_LIMIT, HI_LIMIT invalid).
  if (!m.hasOptFlag || f.ended()) m.optFlag |= 0x30;
  f.r4();  // START_IN
  f.r4();  // INCR_IN
  m.pins.clear();
  for (std::size_t i = 0; i < pins && f.more(); ++i) m.pins.push_back(f.u2());
  if (m.pins.size() < pins) m.pins.clear();
  assignTrimmed(m.units, f.cn());
}

Ftr decodeFtr(const RawRecord& r, ByteOrder order) {
  auto f = fieldsOf(r, order);
  Ftr t;
  t.testNumber = f.u4();
  t.head = f.u1();
  t.site = f.u1();
  t.testFlags = f.u1();
  f.u1();  // OPT_FLAG
  f.u4();  // CYCL_CNT
  f.u4();  // REL_VADR
  f.u4();  // REPT_CNT
  t.failingPins = f.u4();
  f.i4();  // XFAIL_AD
  f.i4();  // YFAIL_AD
  f.i2();  // VECT_OFF
  const std::size_t returns = f.u2(), programmed = f.u2();
  f.skip(2 * returns);        // RTN_INDX
  f.skipNibbles(returns);     // RTN_STAT
  f.skip(2 * programmed);     // PGM_INDX
  f.skipNibbles(programmed);  // PGM_STAT
  f.skipDn();                 // FAIL_PIN
  assign(t.vector, f.cn());
  f.cn();  // TIME_SET
  f.cn();  // OP_CODE
  assign(t.name, f.cn());
  return t;
}

std::string isoTime(std::uint32_t seconds) {
  if (seconds == 0) return "";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace fab::stdf

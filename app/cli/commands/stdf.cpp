// fabkit-cli stdf: what an STDF V4 tester file holds (parts, yield, bins,
// wafers, the MIR and per-test statistics), read without a workspace.
#include <iostream>
#include <sstream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/stdf/summary.h"

namespace fab::cli {
namespace {

Json optionalNumber(const std::optional<double>& v) { return v ? number(*v) : Json(nullptr); }

Json binsJson(const std::map<int, stdf::BinSummary>& bins) {
  Json j = Json::object();
  for (const auto& [bin, b] : bins)
    j[std::to_string(bin)] = {{"count", b.count}, {"name", b.name}, {"pass", b.pass ? Json(*b.pass) : Json(nullptr)}};
  return j;
}

Json summaryJson(const stdf::StdfSummary& s) {
  Json mir = nullptr;
  if (s.mir) {
    const auto& m = *s.mir;
    mir = {{"lot", m.lot},
           {"sublot", m.sublot},
           {"part_type", m.partType},
           {"tester", m.node},
           {"tester_type", m.testerType},
           {"program", m.job},
           {"program_revision", m.jobRevision},
           {"operator", m.operatorName},
           {"exec_type", m.execType},
           {"exec_version", m.execVersion},
           {"test_code", m.testCode},
           {"temperature", m.temperature},
           {"facility", m.facility},
           {"start", stdf::isoTime(m.startTime)},
           {"setup", stdf::isoTime(m.setupTime)}};
  }
  Json wafers = Json::array();
  for (const auto& w : s.waferYields)
    wafers.push_back(
        {{"wafer", w.waferId},
         {"parts", w.parts},
         {"good", w.good},
         {"yield", w.parts ? number(static_cast<double>(w.good) / static_cast<double>(w.parts)) : Json(nullptr)}});
  Json tests = Json::array();
  for (const auto& t : s.tests) {
    Json j = {{"number", t.number},
              {"name", t.name},
              {"units", t.units},
              {"lo_limit", optionalNumber(t.low)},
              {"hi_limit", optionalNumber(t.high)},
              {"count", t.count},
              {"mean", t.count ? number(t.mean) : Json(nullptr)},
              {"sigma", t.count > 1 ? number(t.sigma) : Json(nullptr)},
              {"fails", t.fails}};
    if (t.pin) j["pin"] = *t.pin;
    tests.push_back(std::move(j));
  }
  Json records = Json::object();
  for (const auto& [name, count] : s.records) records[name] = count;
  return {{"file", s.path},
          {"compression", s.compression},
          {"byte_order", s.bigEndian ? "big-endian" : "little-endian"},
          {"cpu_type", s.cpuType},
          {"bytes", s.bytes},
          {"parts", s.parts},
          {"good", s.good},
          {"yield", s.parts ? number(static_cast<double>(s.good) / static_cast<double>(s.parts)) : Json(nullptr)},
          {"wafers", s.wafers},
          {"hard_bins", binsJson(s.hardBins)},
          {"soft_bins", binsJson(s.softBins)},
          {"mir", mir},
          {"wafer_yields", wafers},
          {"tests", tests},
          {"records", records},
          {"unknown_records", s.unknownRecords},
          {"warnings", s.warnings}};
}

std::string general(double v) {
  std::ostringstream out;
  out.precision(6);
  out << v;
  return out.str();
}

void printBins(const char* title, const std::map<int, stdf::BinSummary>& bins, std::int64_t parts) {
  if (bins.empty()) return;
  std::cout << "\n" << title << "\n";
  TextTable t({"bin", "name", "pass", "count", "share"});
  for (const auto& [bin, b] : bins)
    t.add({std::to_string(bin), b.name, b.pass ? (*b.pass ? "P" : "F") : "", std::to_string(b.count),
           parts ? fmt(100.0 * static_cast<double>(b.count) / static_cast<double>(parts), 1) + " %" : ""});
  t.print();
}

void printSummary(const stdf::StdfSummary& s) {
  std::cout << s.path << ": STDF V4, " << (s.bigEndian ? "big" : "little") << "-endian (CPU_TYPE " << s.cpuType << ")"
            << (s.compression == "none" ? "" : ", " + s.compression) << ", " << s.bytes << " bytes\n";
  if (s.mir) {
    const auto& m = *s.mir;
    std::cout << "  lot " << m.lot << (m.sublot.empty() ? "" : " / sublot " + m.sublot) << ", part type " << m.partType
              << "\n  tester " << m.node << " (" << m.testerType << "), program " << m.job
              << (m.jobRevision.empty() ? "" : " rev " + m.jobRevision) << ", started " << stdf::isoTime(m.startTime)
              << "\n";
  } else {
    std::cout << "  no MIR record\n";
  }
  std::cout << "  parts " << s.parts << ", good " << s.good;
  if (s.parts)
    std::cout << " (yield " << fmt(100.0 * static_cast<double>(s.good) / static_cast<double>(s.parts), 2) << " %)";
  std::cout << ", wafers " << s.wafers << ", records of unknown type " << s.unknownRecords << "\n";
  for (const auto& w : s.warnings) std::cout << "  warning: " << w << "\n";
  if (!s.waferYields.empty()) {
    std::cout << "\nwafers\n";
    TextTable t({"wafer", "parts", "good", "yield"});
    for (const auto& w : s.waferYields)
      t.add({w.waferId, std::to_string(w.parts), std::to_string(w.good),
             w.parts ? fmt(100.0 * static_cast<double>(w.good) / static_cast<double>(w.parts), 2) + " %" : ""});
    t.print();
  }
  printBins("hard bins", s.hardBins, s.parts);
  printBins("soft bins", s.softBins, s.parts);
  if (!s.tests.empty()) {
    std::cout << "\nparametric tests\n";
    TextTable t({"test", "name", "units", "low", "high", "count", "mean", "sigma", "fails"});
    for (const auto& x : s.tests)
      t.add({std::to_string(x.number) + (x.pin ? "/" + std::to_string(*x.pin) : ""), x.name, x.units,
             x.low ? general(*x.low) : "", x.high ? general(*x.high) : "", std::to_string(x.count),
             x.count ? general(x.mean) : "", x.count > 1 ? general(x.sigma) : "", std::to_string(x.fails)});
    t.print();
  }
  std::cout << "\nrecords\n";
  TextTable r({"record", "count"});
  for (const auto& [name, count] : s.records) r.add({name, std::to_string(count)});
  if (s.unknownRecords) r.add({"(unknown type)", std::to_string(s.unknownRecords)});
  r.print();
}

int run(const Args& args) {
  if (args.positional().size() != 1) throw UsageError{"give exactly one STDF FILE"};
  const auto summary = stdf::summarise(args.positional().front());
  if (args.json())
    printJson(summaryJson(summary));
  else
    printSummary(summary);
  return 0;
}

const Registration registration{
    Command{"stdf",
            "summarise an STDF V4 tester file: parts, yield, bins, wafers, tests",
            "FILE",
            "Reads an STDF V4 or V4-2007 file (plain, gzip or bzip2; byte order from the FAR) and prints the MIR,\n"
            "parts and good parts (PRR pass flag), wafers with their yield (WIR), hard and soft bins with their\n"
            "names (HBR/SBR), and count, mean, sigma and fails of every parametric test (PTR; MPR per pin).\n"
            "A truncated or corrupt file is refused with the byte offset and record type.\n"
            "To store the file in a workspace: fabkit-cli import FILE --workspace W (kind stdf).\n"
            "Exit status: 0 read, 1 unreadable file, 2 wrong command line.",
            {jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

#pragma once
// What an STDF file holds, in one pass over its records: parts and good parts
// (PRR), wafers (WIR) and their yields, hard and soft bin counts with the bin
// names of HBR/SBR, the MIR's lot and program, and per-test statistics of the
// parametric results (PTR; MPR per pin). A pure function of the stream.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/stdf/records.h"

namespace fab::stdf {

struct BinSummary {
  std::int64_t count = 0;    ///< PRRs with this bin
  std::string name;          ///< from HBR/SBR ("" when none names it)
  std::optional<bool> pass;  ///< HBIN_PF 'P' / 'F'; nullopt when unknown
};

struct WaferYield {
  std::string waferId;  ///< WIR WAFER_ID
  std::int64_t parts = 0, good = 0;
};

/// Statistics of one parametric test over the valid results of a file.
struct TestSummary {
  std::uint32_t number = 0;
  std::string name, units;
  std::optional<double> low, high;  ///< the limits of the test's first record
  std::optional<int> pin;           ///< MPR: the pin index (RTN_INDX) of this result
  std::int64_t count = 0;           ///< valid results
  double mean = 0;
  double sigma = 0;        ///< sample standard deviation (n − 1); 0 for n < 2
  std::int64_t fails = 0;  ///< records flagged failed (TEST_FLG bit 7, bit 6 clear)
};

struct StdfSummary {
  std::string path;
  std::string compression;  ///< none | gzip | bzip2
  int cpuType = 0;
  bool bigEndian = false;
  std::uint64_t bytes = 0;  ///< decompressed bytes
  std::optional<Mir> mir;
  std::optional<Mrr> mrr;
  std::int64_t parts = 0, good = 0, wafers = 0;
  std::map<int, BinSummary> hardBins, softBins;
  std::vector<WaferYield> waferYields;
  std::vector<TestSummary> tests;               ///< in order of first appearance
  std::map<std::string, std::int64_t> records;  ///< count by record name (V4 and V4-2007 types)
  std::int64_t unknownRecords = 0;              ///< records of no V4 type, skipped
  std::vector<std::string> warnings;
};

/// Reads `path` (plain, .gz or .bz2) to the end and summarises it. Throws
/// fab::Error naming the byte offset and record type for a truncated or
/// corrupt file. `feedback` sees progress and may cancel (fab::Cancelled).
StdfSummary summarise(const std::string& path, const Feedback& feedback = {});

}  // namespace fab::stdf

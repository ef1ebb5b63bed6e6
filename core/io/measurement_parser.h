#pragma once
// The reader side of a measurement import: checks each CSV record exactly as
// a single-threaded import would, and turns it into typed values whose names
// are local ids. It touches no database, so it runs on its own thread; what
// it finds goes into the chunk being filled.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/io/measurement_chunk.h"
#include "core/io/name_dictionary.h"
#include "core/io/row_checks.h"

namespace fab::io {

class MeasurementParser : private RowChecks {
 public:
  /// `knownUnits` holds the units the workspace already has (parameter name →
  /// unit); a row naming another unit for such a parameter is rejected.
  /// `format`: how the file writes its numbers and dates.
  MeasurementParser(const ColumnMapping& mapping, const std::vector<std::string>& header, const FieldFormat& format,
                    bool skipBadRows, std::unordered_map<std::string, std::string> knownUnits);

  /// Checks `record` and appends its values, or its problem, to `chunk`.
  void parse(const CsvRecord& record, MeasurementChunk& chunk);

 private:
  /// False once a row was rejected in all-or-nothing mode: later rows are only checked.
  bool storing() const { return skipBadRows_ || rejected_ == 0; }
  void checkOnly(const CsvRecord& r);
  void noteWafer(std::uint32_t lot, int slot, std::string_view scribe);
  bool checkUnit(const CsvRecord& r, std::uint32_t parameter, std::string_view name, std::string_view unit);
  void parseWideValues(const CsvRecord& r, const MeasurementRow& row);

  bool skipBadRows_;
  std::int64_t rejected_ = 0;
  MeasurementChunk* chunk_ = nullptr;
  NameDictionary lots_, parameters_, sites_, tools_;
  std::vector<std::string> pendingParameters_;  ///< wide layout: names not yet shipped
  std::vector<std::uint32_t> wideIds_;          ///< wide layout: the parameter of each column
  std::vector<double> wideValues_;
  std::unordered_map<std::string, std::string> knownUnits_;
  std::vector<std::string> units_;  ///< by local parameter id
  std::vector<bool> lotHasProduct_;
  std::unordered_set<std::uint64_t> wafersSeen_;  ///< lot << 32 | slot
  std::uint64_t lastWafer_ = ~std::uint64_t{0};
  std::string toolName_;
};

}  // namespace fab::io

#pragma once
// What the reader thread of a measurement import hands the writer: a run of
// checked, typed values with their names as the reader's local ids, the names
// and wafers seen for the first time in the run, and the rows rejected in it.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/io/import_batch.h"

namespace fab::io {

/// One measured value ready to store.
struct MeasurementRow {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  std::int64_t time = 0;                       ///< ms since 1970-01-01 UTC; 0 = not given
  double x = kNone, y = kNone, value = kNone;  ///< NaN = not given (x, y) or missing (value)
  std::uint32_t parameter = 0, lot = 0;        ///< local ids
  std::uint32_t site = 0, tool = 0;            ///< local id + 1; 0 = not given
  std::int32_t wafer = 0;                      ///< slot; 0 = not given
};

/// A wafer seen for the first time, with its scribe id (empty when the file
/// gives the slot number only).
struct NewWafer {
  std::uint32_t lot;
  int slot;
  std::string scribe;
};

/// Text attached to a name by local id: a lot's product, a parameter's unit.
struct NameText {
  std::uint32_t id;
  std::string text;
};

struct MeasurementChunk {
  std::vector<MeasurementRow> rows;
  /// Names seen for the first time, in order: local ids continue from the
  /// names of the previous chunks.
  std::vector<std::string> newLots, newParameters, newSites, newTools;
  std::vector<NewWafer> newWafers;
  std::vector<NameText> lotProducts, parameterUnits;
  std::vector<ImportProblem> problems;  ///< rejected rows, in file order
  std::int64_t records = 0;             ///< CSV records read into this chunk
  std::uint64_t bytesRead = 0;          ///< bytes of the file read up to the chunk's end
  bool last = false;                    ///< nothing follows: the end of the file, or `error`
  /// A problem with the file itself (a quote never closed, invalid UTF-8…)
  /// that stopped the reading; `unexpected` when it was not a fab::Error.
  std::optional<std::string> error;
  bool unexpected = false;

  /// The number of entries that count towards a chunk's size.
  std::size_t size() const { return rows.size() + problems.size(); }
};

/// Orders a chunk's values by the measurement key (lot, parameter, wafer,
/// site, time: data/schema/009_measurement_by_lot.sql), keeping the file order
/// of equal keys (so the first of two duplicates is the one stored): inserting
/// in key order touches fewer B-tree pages than the file's order, and a file's
/// new lots (local ids in the order first seen, as the workspace numbers them)
/// go past the last key stored.
inline void sortRowsByKey(std::vector<MeasurementRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const MeasurementRow& a, const MeasurementRow& b) {
    return std::tie(a.lot, a.parameter, a.wafer, a.site, a.time) < std::tie(b.lot, b.parameter, b.wafer, b.site, b.time);
  });
}

}  // namespace fab::io

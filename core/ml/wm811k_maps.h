#pragma once
// Real wafer bin maps in the WM-811K JSON-lines form (Wu, Jang & Chen 2015,
// "Wafer map failure pattern recognition and similarity ranking for large-scale
// data sets", IEEE TSM 28(1)): one JSON object a line,
//   {"wafer", "lot", "wafer_index", "label", "rows", "cols", "map"}
// where `map` lists the die rows top row first, one character per die
// position: '0' no die (off wafer), '1' good die, '2' failing die.
// `lot`, `wafer_index` and `label` may be absent (unlabelled maps).
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ml/die_map.h"
#include "core/ml/wafer_pattern.h"

namespace fab::ml {

/// A real map with what the file says about it.
struct RecordedWaferMap {
  DieMap map;                         ///< dies at (column, row), rows counting down; firstRow = the file line
  std::optional<WaferPattern> label;  ///< nullopt when the line carries no label
  std::string lot;                    ///< empty when the line carries none
  int waferIndex = -1;                ///< slot in the lot, -1 when not given
  int rows = 0, columns = 0;          ///< the die grid as given
  std::size_t line = 0;               ///< 1-based line of the file
};

/// The class of a WM-811K label: "center", "donut", "edge-loc", "edge-ring",
/// "loc", "near-full", "random", "scratch", "none" (the dataset's spelling, any
/// case, "Edge-Loc" or "Near-full" too) and this project's names ("edge-local",
/// "local"). nullopt for anything else.
std::optional<WaferPattern> wm811kPattern(std::string_view label);

/// Reads every map of the stream. Throws fab::Error naming `source`, the line
/// and the wafer for: a line that is not a JSON object, a missing or mistyped
/// field, an unknown label, a character other than 0/1/2, rows of unequal
/// length, `rows`/`cols` that disagree with the map, a map without any die, a
/// wafer name given twice; and for a stream without any map. Blank lines are skipped.
std::vector<RecordedWaferMap> parseWm811kMaps(std::istream& in, const std::string& source);
/// parseWm811kMaps of a file; throws fab::Error when it cannot be opened.
std::vector<RecordedWaferMap> readWm811kMaps(const std::string& path);

/// The die maps alone, in file order.
std::vector<DieMap> dieMapsOf(const std::vector<RecordedWaferMap>& maps);

}  // namespace fab::ml

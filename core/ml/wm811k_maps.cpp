#include "core/ml/wm811k_maps.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/common/error.h"

namespace fab::ml {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<WaferPattern> wm811kPattern(std::string_view label) {
  const auto l = lower(label);
  if (l == "edge-loc" || l == "edge_loc") return WaferPattern::EdgeLocal;
  if (l == "loc") return WaferPattern::Local;
  if (l == "edge_ring") return WaferPattern::EdgeRing;
  if (l == "near_full" || l == "nearfull") return WaferPattern::NearFull;
  return patternFromName(l);
}

std::vector<RecordedWaferMap> parseWm811kMaps(std::istream& in, const std::string& source) {
  std::vector<RecordedWaferMap> out;
  std::unordered_set<std::string> names;
  std::string text;
  std::size_t lineNo = 0;
  while (std::getline(in, text)) {
    ++lineNo;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); })) continue;
    const std::string where = source + ":" + std::to_string(lineNo);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw Error(where + ": not a JSON object (" + e.what() + ")");
    }
    if (!j.is_object()) throw Error(where + ": expected a JSON object {\"wafer\", \"rows\", \"cols\", \"map\", …}");
    if (!j.contains("wafer") || !j["wafer"].is_string())
      throw Error(where + ": the field 'wafer' is missing or not a string");
    RecordedWaferMap r;
    r.line = lineNo;
    r.map.wafer = j["wafer"].get<std::string>();
    const std::string what = where + ": wafer '" + r.map.wafer + "'";
    if (r.map.wafer.empty()) throw Error(where + ": the wafer name is empty");
    if (!names.insert(r.map.wafer).second) throw Error(what + " is given twice");
    auto integer = [&](const char* key) {
      if (!j.contains(key) || !j[key].is_number_integer())
        throw Error(what + ": the field '" + key + "' is missing or not a whole number");
      return j[key].get<long long>();
    };
    const auto rows = integer("rows"), cols = integer("cols");
    if (rows < 1 || cols < 1 || rows > 100000 || cols > 100000)
      throw Error(what + ": rows and cols must be 1…100000, got " + std::to_string(rows) + " × " +
                  std::to_string(cols));
    r.rows = static_cast<int>(rows), r.columns = static_cast<int>(cols);
    if (j.contains("lot") && !j["lot"].is_null()) {
      if (!j["lot"].is_string()) throw Error(what + ": the field 'lot' is not a string");
      r.lot = j["lot"].get<std::string>();
    }
    if (j.contains("wafer_index") && !j["wafer_index"].is_null())
      r.waferIndex = static_cast<int>(integer("wafer_index"));
    if (j.contains("label") && !j["label"].is_null()) {
      if (!j["label"].is_string()) throw Error(what + ": the field 'label' is not a string");
      const auto name = j["label"].get<std::string>();
      r.label = wm811kPattern(name);
      if (!r.label)
        throw Error(what + ": unknown label '" + name +
                    "' (expected center, donut, edge-loc, edge-ring, loc, near-full, random, scratch or none)");
    }
    if (!j.contains("map") || !j["map"].is_array())
      throw Error(what + ": the field 'map' is missing or not a list of row strings");
    const auto& map = j["map"];
    if (static_cast<long long>(map.size()) != rows)
      throw Error(what + ": 'rows' says " + std::to_string(rows) + " but the map has " + std::to_string(map.size()) +
                  " rows");
    r.map.layout.yUp = false;  // top row first
    r.map.firstRow = static_cast<std::int64_t>(lineNo);
    for (std::size_t y = 0; y < map.size(); ++y) {
      if (!map[y].is_string()) throw Error(what + ": map row " + std::to_string(y + 1) + " is not a string");
      const auto& row = map[y].get_ref<const std::string&>();
      if (static_cast<long long>(row.size()) != cols)
        throw Error(what + ": map row " + std::to_string(y + 1) + " has " + std::to_string(row.size()) +
                    " characters but 'cols' says " + std::to_string(cols) + " (ragged rows)");
      for (std::size_t x = 0; x < row.size(); ++x) {
        const char c = row[x];
        if (c == '0') continue;
        if (c != '1' && c != '2')
          throw Error(what + ": map row " + std::to_string(y + 1) + ", column " + std::to_string(x + 1) + ": '" +
                      std::string(1, c) + "' is not 0 (no die), 1 (good) or 2 (fail)");
        r.map.dies.push_back({static_cast<int>(x), static_cast<int>(y), c == '1'});
      }
    }
    if (r.map.dies.empty()) throw Error(what + ": the map has no die (every position is 0)");
    out.push_back(std::move(r));
  }
  if (out.empty()) throw Error(source + ": no wafer map in the file");
  return out;
}

std::vector<RecordedWaferMap> readWm811kMaps(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open " + path);
  return parseWm811kMaps(in, path);
}

std::vector<DieMap> dieMapsOf(const std::vector<RecordedWaferMap>& maps) {
  std::vector<DieMap> out;
  out.reserve(maps.size());
  for (const auto& m : maps) out.push_back(m.map);
  return out;
}

}  // namespace fab::ml

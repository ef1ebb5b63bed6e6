#pragma once
// Output helpers shared by the subcommands: JSON on stdout, plain tables for people.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fab::cli {

using Json = nlohmann::ordered_json;

inline void printJson(const Json& j) { std::cout << j.dump(2) << "\n"; }

/// A finite number as JSON, NaN/Inf as null (JSON has no NaN).
inline Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
inline Json numbers(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

/// A CSV field (RFC 4180): as it is, or in double quotes (inner quotes doubled) when it holds a comma,
/// a quote or a line break.
std::string csvField(const std::string& text);

/// Fixed-point text for tables; "—" for NaN.
std::string fmt(double v, int decimals = 4);

/// A p-value for tables: 4 decimals, or 3 significant digits below 0.0001; "—" for NaN.
std::string fmtP(double p);

/// Columns a text takes on a terminal: UTF-8 code points, so "—" and "σ" take one.
std::size_t textWidth(const std::string& text);
/// One line of a text table: each cell padded to its width, numbers right-aligned, two spaces apart.
void printTextRow(std::ostream& out, const std::vector<std::size_t>& widths, const std::vector<std::string>& row);

/// Left-aligned text columns, right-aligned numbers, for terminal output.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out = std::cout) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace fab::cli

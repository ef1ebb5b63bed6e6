#include "app/cli/output.h"

#include <algorithm>
#include <cstdio>

namespace fab::cli {

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string fmt(double v, int decimals) {
  if (std::isnan(v)) return "—";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string fmtP(double p) {
  if (!(p < 1e-4) || p == 0) return fmt(p, 4);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", p);
  return buf;
}

std::size_t textWidth(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void printTextRow(std::ostream& out, const std::vector<std::size_t>& w, const std::vector<std::string>& r) {
  auto isNumber = [](const std::string& s) {
    return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+') &&
           s.find_first_not_of("0123456789.-+eE%") == std::string::npos;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string cell = i < r.size() ? r[i] : "";
    const std::string pad(w[i] - std::min(w[i], textWidth(cell)), ' ');
    out << (i ? "  " : "") << (isNumber(cell) ? pad + cell : cell + (i + 1 < w.size() ? pad : ""));
  }
  out << "\n";
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> w(header_.size(), 0);
  for (std::size_t i = 0; i < header_.size(); ++i) w[i] = textWidth(header_[i]);
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], textWidth(r[i]));
  printTextRow(out, w, header_);
  std::vector<std::string> rule;
  for (auto x : w) rule.emplace_back(x, '-');
  printTextRow(out, w, rule);
  for (const auto& r : rows_) printTextRow(out, w, r);
}

}  // namespace fab::cli

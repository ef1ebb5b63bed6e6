#include "app/cli/streamed_json.h"

#include "core/common/error.h"

namespace fab::cli {

StreamedJson::StreamedJson(std::ostream& out, const Json& document, const std::string& arrayKey) : out_(out) {
  const std::string text = document.dump(2);
  // Top-level members sit on their own line at two spaces; a newline inside a string is escaped.
  const std::string placeholder = "\n  " + Json(arrayKey).dump() + ": []";
  const auto at = text.find(placeholder);
  if (at == std::string::npos) throw Error("streamed JSON: no empty top-level array '" + arrayKey + "'");
  const auto open = at + placeholder.size() - 1;  // the ']' of "[]"
  buffer_.reserve(1 << 17);
  buffer_.append(text, 0, open);
  tail_ = text.substr(open + 1);
}

void StreamedJson::beginObject() {
  buffer_ += firstElement_ ? "\n    {" : ",\n    {";
  firstElement_ = false;
  firstField_ = true;
}

void StreamedJson::key(std::string_view name) {
  buffer_ += firstField_ ? "\n      \"" : ",\n      \"";
  firstField_ = false;
  buffer_ += name;
  buffer_ += "\": ";
}

void StreamedJson::field(std::string_view name, double value) {
  key(name);
  if (!std::isfinite(value)) {
    buffer_ += "null";
    return;
  }
  // Shortest text that reads back as the same double, with ".0" on a whole number as Json writes it.
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  buffer_.append(text, end);
  if (std::string_view(text, static_cast<std::size_t>(end - text)).find_first_of(".e") == std::string_view::npos)
    buffer_ += ".0";
}

void StreamedJson::field(std::string_view name, long long value) {
  key(name);
  char text[24];
  buffer_.append(text, std::to_chars(text, text + sizeof text, value).ptr);
}

void StreamedJson::nullField(std::string_view name) {
  key(name);
  buffer_ += "null";
}

void StreamedJson::endObject() {
  buffer_ += "\n    }";
  flushIfFull();
}

void StreamedJson::flushIfFull() {
  if (buffer_.size() < (1 << 16)) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void StreamedJson::finish() {
  if (!firstElement_) buffer_ += "\n  ";
  buffer_ += "]";
  buffer_ += tail_;
  buffer_ += "\n";
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.flush();
  buffer_.clear();
}

StreamedTextTable::StreamedTextTable(std::ostream& out, std::vector<std::string> header,
                                     std::vector<std::size_t> widths)
    : out_(out), widths_(std::move(widths)) {
  widths_.resize(header.size(), 0);
  for (std::size_t i = 0; i < header.size(); ++i) widths_[i] = std::max(widths_[i], textWidth(header[i]));
  printTextRow(out_, widths_, header);
  std::vector<std::string> rule;
  for (auto w : widths_) rule.emplace_back(w, '-');
  printTextRow(out_, widths_, rule);
}

void StreamedTextTable::add(const std::vector<std::string>& row) { printTextRow(out_, widths_, row); }

}  // namespace fab::cli

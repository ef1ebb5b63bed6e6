#include "app/cli/spliced_json.h"

#include <charconv>
#include <cmath>
#include <random>

#include "core/common/error.h"

namespace fab::cli {

JsonArrayWriter::JsonArrayWriter(std::string& buffer, std::ostream& out, std::size_t indent)
    : buffer_(buffer),
      out_(out),
      elementIndent_(",\n" + std::string(indent + 2, ' ')),
      fieldIndent_(",\n" + std::string(indent + 4, ' ')),
      closeIndent_("\n" + std::string(indent, ' ')) {}

void JsonArrayWriter::element() {
  // ",\n" and the indentation before an element; "[\n" and the indentation before the first.
  buffer_ += elementIndent_;
  if (first_) buffer_[buffer_.size() - elementIndent_.size()] = '[';
  first_ = false;
}

void JsonArrayWriter::value(const Json& v) {
  element();
  const auto indent = static_cast<unsigned>(elementIndent_.size() - 2);
  nlohmann::detail::serializer<Json> s(nlohmann::detail::output_adapter<char>(buffer_), ' ');
  s.dump(v, true, false, 2, indent);
  flushIfFull();
}

void JsonArrayWriter::appendNumber(double v) {
  if (!std::isfinite(v)) {
    buffer_ += "null";
    return;
  }
  // The library's own shortest round-trip text (with ".0" on whole numbers), as Json::dump writes it.
  char text[64];
  buffer_.append(text, nlohmann::detail::to_chars(text, text + sizeof text, v));
}

void JsonArrayWriter::number(double v) {
  element();
  appendNumber(v);
  flushIfFull();
}

void JsonArrayWriter::beginObject() {
  element();
  buffer_ += '{';
  firstField_ = true;
}

void JsonArrayWriter::key(std::string_view name) {
  buffer_ += firstField_ ? std::string_view(fieldIndent_).substr(1) : std::string_view(fieldIndent_);
  firstField_ = false;
  buffer_ += '"';
  buffer_ += name;
  buffer_ += "\": ";
}

void JsonArrayWriter::field(std::string_view name, double v) {
  key(name);
  appendNumber(v);
}

void JsonArrayWriter::field(std::string_view name, long long v) {
  key(name);
  char text[24];
  buffer_.append(text, std::to_chars(text, text + sizeof text, v).ptr);
}

void JsonArrayWriter::field(std::string_view name, bool v) {
  key(name);
  buffer_ += v ? "true" : "false";
}

void JsonArrayWriter::field(std::string_view name, const std::string& text) {
  key(name);
  // Escaped by the library, as in the whole document.
  nlohmann::detail::serializer<Json> s(nlohmann::detail::output_adapter<char>(buffer_), ' ');
  s.dump(Json(text), false, false, 0);
}

void JsonArrayWriter::endObject() {
  if (firstField_)
    buffer_ += '}';  // {} as dump writes an empty object
  else
    buffer_.append(elementIndent_, 1).append("}");
  flushIfFull();
}

void JsonArrayWriter::flushIfFull() {
  if (buffer_.size() < (1 << 16)) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonArrayWriter::close() { buffer_ += first_ ? "[]" : closeIndent_ + "]"; }

std::string SplicedJson::marker(std::size_t i) const { return "\x01spliced array " + nonce_ + " " + std::to_string(i); }

Json SplicedJson::array(ArrayWriter writer) {
  if (nonce_.empty()) nonce_ = std::to_string(std::random_device{}());
  writers_.push_back(std::move(writer));
  return marker(writers_.size() - 1);
}

void SplicedJson::print(std::ostream& out, const Json& document) {
  const std::string text = document.dump(2);
  std::string buffer;
  buffer.reserve(1 << 17);
  std::size_t from = 0;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    // The placeholder as dump writes it: a string value; its line's indentation is the array's.
    const std::string placeholder = Json(marker(i)).dump();
    const auto at = text.find(placeholder, from);
    if (at == std::string::npos) throw Error("spliced JSON: array " + std::to_string(i) + " is not in the document");
    const auto lineStart = text.rfind('\n', at) + 1;
    const auto indent = text.find_first_not_of(' ', lineStart) - lineStart;
    buffer.append(text, from, at - from);
    JsonArrayWriter w(buffer, out, indent);
    writers_[i](w);
    w.close();
    from = at + placeholder.size();
  }
  buffer.append(text, from, std::string::npos);
  buffer += '\n';
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
}

}  // namespace fab::cli

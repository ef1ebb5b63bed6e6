#pragma once
// A JSON document whose long arrays (a chart's million points, their values
// and violations) are written element by element into the output instead of
// being built as Json values first: the document's other members are a Json
// holding a placeholder where each long array goes. The text is Json::dump(2)'s,
// byte for byte: the same document as building every array and calling printJson().
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/output.h"

namespace fab::cli {

/// Writes the elements of one array, at the indentation dump(2) gives them.
class JsonArrayWriter {
 public:
  /// An element that is any Json value (small: written by the library's own serializer).
  void value(const Json& element);
  /// A number element: finite as the library writes it, NaN and ±inf as null (as number() does).
  void number(double v);
  /// An object element, written as beginObject, field…, endObject.
  void beginObject();
  void field(std::string_view key, double v);  ///< null for NaN and ±inf
  void field(std::string_view key, long long v);
  void field(std::string_view key, bool v);
  void field(std::string_view key, const std::string& text);
  void endObject();

 private:
  friend class SplicedJson;
  JsonArrayWriter(std::string& buffer, std::ostream& out, std::size_t indent);
  void element();
  void key(std::string_view name);
  void appendNumber(double v);
  void flushIfFull();
  void close();
  std::string& buffer_;
  std::ostream& out_;
  std::string elementIndent_, fieldIndent_, closeIndent_;
  bool first_ = true, firstField_ = true;
};

class SplicedJson {
 public:
  using ArrayWriter = std::function<void(JsonArrayWriter&)>;
  /// Reserves a place for a long array; put the returned value in the document where the array goes.
  Json array(ArrayWriter writer);
  /// Prints `document` as printJson() does, each reserved place filled by its writer in order.
  void print(std::ostream& out, const Json& document);

 private:
  std::string marker(std::size_t i) const;
  std::vector<ArrayWriter> writers_;
  std::string nonce_;
};

}  // namespace fab::cli

#pragma once
// A JSON document with one long array written element by element as the
// elements are produced, so that printing a series of millions of steps holds
// none of it. The layout is Json::dump(2)'s: the same document as building the
// whole array and calling printJson().
#include <charconv>
#include <cmath>
#include <ostream>
#include <string>
#include <string_view>

#include "app/cli/output.h"

namespace fab::cli {

class StreamedJson {
 public:
  /// `document` holds every other member in its final place, with an empty array under `arrayKey`
  /// (a top-level key) where the streamed elements go. Writes the members before the array now.
  StreamedJson(std::ostream& out, const Json& document, const std::string& arrayKey);
  StreamedJson(const StreamedJson&) = delete;
  StreamedJson& operator=(const StreamedJson&) = delete;

  /// One element: an object of numbers, written as beginObject, field…, endObject.
  void beginObject();
  /// A finite number, or null for NaN and ±inf (JSON has no NaN), as number() does.
  void field(std::string_view key, double value);
  void field(std::string_view key, long long value);
  void nullField(std::string_view key);
  void endObject();
  /// Writes the members after the array and flushes. Without it (an error on the way) the
  /// pending rows are dropped and the document stays unfinished.
  void finish();

 private:
  void key(std::string_view name);
  void flushIfFull();
  std::ostream& out_;
  std::string tail_;    ///< the document after the array
  std::string buffer_;  ///< pending output
  bool firstElement_ = true, firstField_ = true;
};

/// A TextTable whose rows are printed as they come: the column widths are fixed beforehand
/// (at least each header's), so a long series is never held. Numbers right-aligned.
class StreamedTextTable {
 public:
  StreamedTextTable(std::ostream& out, std::vector<std::string> header, std::vector<std::size_t> widths);
  void add(const std::vector<std::string>& row);

 private:
  std::ostream& out_;
  std::vector<std::size_t> widths_;
};

}  // namespace fab::cli

#include "core/defect/klarf18_tree.h"

#include <cctype>

#include "core/common/error.h"
#include "core/common/word_case.h"
#include "core/io/field_parse.h"

namespace fab::defect::klarf18 {
namespace {

constexpr int kMaxDepth = 16;

bool isPunct(char c) { return c == '{' || c == '}' || c == ',' || c == ';' || c == '"'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Words, "strings" and the punctuation { } , ; with their lines.
class Tokens {
 public:
  Tokens(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

  [[noreturn]] void fail(std::int64_t line, const std::string& message) const {
    throw Error(source_ + ":" + std::to_string(line) + ": " + message);
  }

  /// The next token without taking it; `end` true at the end of the text.
  const KlarfToken& peek() {
    if (!ready_) read();
    return next_;
  }
  bool atEnd() {
    peek();
    return end_;
  }
  KlarfToken take() {
    peek();
    ready_ = false;
    return next_;
  }
  bool isPunct(const KlarfToken& t, char c) const { return !t.quoted && t.text.size() == 1 && t.text[0] == c; }
  /// The token take() returns at the end of the text.
  static bool isEnd(const KlarfToken& t) { return !t.quoted && t.text.empty(); }

  /// Takes the next token, which must be the punctuation `c`.
  void expect(char c, const std::string& where) {
    const KlarfToken t = take();
    if (isEnd(t))
      fail(line_, "the file ends " + where + " where '" + std::string(1, c) + "' was expected (truncated?)");
    if (!isPunct(t, c)) fail(t.line, "expected '" + std::string(1, c) + "' " + where + ", found " + describe(t));
  }
  /// Takes a word or string (not punctuation).
  KlarfToken value(const std::string& what) {
    const KlarfToken t = take();
    if (isEnd(t)) fail(line_, "the file ends where " + what + " was expected (truncated?)");
    if (!t.quoted && t.text.size() == 1 &&
        (t.text[0] == '{' || t.text[0] == '}' || t.text[0] == ',' || t.text[0] == ';'))
      fail(t.line, "expected " + what + ", found '" + std::string(t.text) + "'");
    return t;
  }
  std::size_t count(const std::string& what) {
    const KlarfToken t = value(what);
    const auto n = t.quoted ? std::nullopt : io::parseInteger(t.text);
    if (!n || *n < 0 || *n > static_cast<std::int64_t>(text_.size()))
      fail(t.line, "expected a count for " + what + ", found " + describe(t));
    return static_cast<std::size_t>(*n);
  }
  std::string describe(const KlarfToken& t) const {
    if (isEnd(t)) return "the end of the file";
    return t.quoted ? "the string \"" + std::string(t.text) + "\"" : "'" + std::string(t.text) + "'";
  }
  std::int64_t line() const { return line_; }

 private:
  void read() {
    ready_ = true;
    while (i_ < text_.size() && isSpace(text_[i_])) line_ += text_[i_++] == '\n';
    next_ = KlarfToken{{}, false, line_};
    end_ = i_ >= text_.size();
    if (end_) return;
    const char c = text_[i_];
    if (c == '"') {
      const std::size_t close = text_.find('"', i_ + 1);
      if (close == std::string_view::npos) fail(line_, "a quoted string is not closed (file truncated?)");
      next_ = {text_.substr(i_ + 1, close - i_ - 1), true, line_};
      for (std::size_t k = i_; k < close; ++k) line_ += text_[k] == '\n';
      i_ = close + 1;
    } else if (klarf18::isPunct(c)) {
      next_ = {text_.substr(i_++, 1), false, line_};
    } else {
      std::size_t j = i_;
      while (j < text_.size() && !isSpace(text_[j]) && !klarf18::isPunct(text_[j])) ++j;
      next_ = {text_.substr(i_, j - i_), false, line_};
      i_ = j;
    }
  }

  std::string_view text_;
  std::string source_;
  std::size_t i_ = 0;
  std::int64_t line_ = 1;
  KlarfToken next_;
  bool ready_ = false, end_ = false;
};

class TreeReader {
 public:
  TreeReader(std::string_view text, const std::string& source, std::vector<std::string>& notes)
      : t_(text, source), notes_(notes) {}

  Record file() {
    const KlarfToken first = t_.value("Record");
    if (!sameIgnoringCase(first.text, "Record") || first.quoted)
      t_.fail(first.line,
              "not a KLARF 1.8 file: it should start with 'Record FileRecord \"1.8\"', found " + t_.describe(first));
    Record r = record(0);
    const KlarfToken end = t_.take();
    if (Tokens::isEnd(end)) t_.fail(t_.line(), "the file ends without 'EndOfFile;' (truncated?)");
    if (end.quoted || !sameIgnoringCase(end.text, "EndOfFile"))
      t_.fail(end.line, "expected 'EndOfFile;' after the FileRecord, found " + t_.describe(end));
    t_.expect(';', "after EndOfFile");
    if (!t_.atEnd()) t_.fail(t_.peek().line, "text after 'EndOfFile;': " + t_.describe(t_.peek()));
    return r;
  }

 private:
  /// After the word Record: name, optional "id", { items }.
  Record record(int depth) {
    if (depth >= kMaxDepth) t_.fail(t_.line(), "Records nested deeper than " + std::to_string(kMaxDepth) + " levels");
    Record r;
    const KlarfToken name = t_.value("a Record name");
    r.name = name.text;
    r.line = name.line;
    const std::string where = "in Record " + std::string(r.name);
    if (!t_.isPunct(t_.peek(), '{')) r.id = t_.value("the Record's id").text;
    t_.expect('{', "after Record " + std::string(r.name));
    for (;;) {
      const KlarfToken item = t_.take();
      if (Tokens::isEnd(item))
        t_.fail(t_.line(), "the file ends inside Record " + std::string(r.name) + " (line " + std::to_string(r.line) +
                               ") where '}' was expected (truncated?)");
      if (t_.isPunct(item, '}')) break;
      if (!item.quoted && sameIgnoringCase(item.text, "Record")) {
        r.records.push_back(record(depth + 1));
      } else if (!item.quoted && sameIgnoringCase(item.text, "Field")) {
        r.fields.push_back(field());
      } else if (!item.quoted && sameIgnoringCase(item.text, "List")) {
        r.lists.push_back(list());
      } else {
        t_.fail(item.line, "expected Record, Field, List or '}' " + where + ", found " + t_.describe(item));
      }
    }
    return r;
  }

  /// After the word Field: name n { v, v, … }.
  Field field() {
    Field f;
    const KlarfToken name = t_.value("a Field name");
    f.name = name.text;
    f.line = name.line;
    const std::string where = "in Field " + std::string(f.name);
    const std::size_t n = t_.count("Field " + std::string(f.name) + "'s number of values");
    t_.expect('{', where);
    if (t_.isPunct(t_.peek(), '}')) {
      t_.take();
    } else {
      for (;;) {
        f.values.push_back(t_.value("a value " + where));
        const KlarfToken sep = t_.take();
        if (t_.isPunct(sep, '}')) break;
        if (!t_.isPunct(sep, ','))
          t_.fail(sep.line, "expected ',' or '}' between the values " + where + ", found " + t_.describe(sep));
      }
    }
    if (f.values.size() != n)
      t_.fail(f.line, "Field " + std::string(f.name) + " announces " + std::to_string(n) + " value" +
                          (n == 1 ? "" : "s") + " but lists " + std::to_string(f.values.size()));
    return f;
  }

  /// After the word List: name { Columns n { type NAME, … } Data m { row; … } }.
  List list() {
    List l;
    const KlarfToken name = t_.value("a List name");
    l.name = name.text;
    l.line = name.line;
    const std::string where = "in List " + std::string(l.name);
    t_.expect('{', "after List " + std::string(l.name));
    const KlarfToken columns = t_.value("Columns " + where);
    if (columns.quoted || !sameIgnoringCase(columns.text, "Columns"))
      t_.fail(columns.line, "expected Columns " + where + ", found " + t_.describe(columns));
    const std::size_t n = t_.count("Columns");
    t_.expect('{', "after Columns " + where);
    while (!t_.isPunct(t_.peek(), '}')) {
      if (!l.columns.empty()) t_.expect(',', "between the Columns " + where);
      const KlarfToken type = t_.value("a column type " + where);
      const KlarfToken col = t_.value("a column name " + where);
      if (type.quoted || col.quoted || col.text.empty())
        t_.fail(col.line, "expected a column type and name (bare words) " + where);
      l.columns.push_back({std::string(type.text), upperCase(col.text)});
    }
    t_.take();
    if (l.columns.size() != n)
      t_.fail(columns.line, "Columns " + where + " announces " + std::to_string(n) + " but lists " +
                                std::to_string(l.columns.size()));
    const KlarfToken data = t_.value("Data " + where);
    if (data.quoted || !sameIgnoringCase(data.text, "Data"))
      t_.fail(data.line, "expected Data " + where + ", found " + t_.describe(data));
    const std::size_t m = t_.count("Data");
    t_.expect('{', "after Data " + where);
    while (!t_.isPunct(t_.peek(), '}')) {
      if (t_.atEnd()) t_.fail(t_.line(), "the file ends inside the Data " + where + " (truncated?)");
      row(l, where);
    }
    t_.take();
    if (l.rows.size() != m)
      notes_.push_back("line " + std::to_string(data.line) + ": Data " + where + " announces " + std::to_string(m) +
                       " row" + (m == 1 ? "" : "s") + " but lists " + std::to_string(l.rows.size()) +
                       "; every row is read");
    t_.expect('}', "closing List " + std::string(l.name));
    return l;
  }

  void row(List& l, const std::string& where) {
    std::vector<Cell> cells;
    const std::int64_t line = t_.peek().line;
    const std::string row = "row " + std::to_string(l.rows.size() + 1) + " " + where;
    for (const Column& c : l.columns) {
      if (t_.isPunct(t_.peek(), ';') || t_.isPunct(t_.peek(), '}'))
        t_.fail(t_.peek().line, row + " ends after " + std::to_string(cells.size()) + " of its " +
                                    std::to_string(l.columns.size()) + " Columns values");
      Cell cell;
      cell.value = t_.value("a value of column " + c.name + " " + row);
      if (sameIgnoringCase(c.type, "ImageList") && !cell.value.quoted && sameIgnoringCase(cell.value.text, "Images")) {
        cell.images = true;
        const std::size_t n = t_.count("the images of " + row);
        t_.expect('{', "after Images " + std::to_string(n) + " " + row);
        while (!t_.isPunct(t_.peek(), '}')) {
          if (!cell.entries.empty()) t_.expect(',', "between the images " + row);
          std::vector<KlarfToken> entry;
          while (!t_.isPunct(t_.peek(), ',') && !t_.isPunct(t_.peek(), '}'))
            entry.push_back(t_.value("an image entry value " + row));
          if (entry.empty()) t_.fail(t_.peek().line, "an image entry of " + row + " has no values");
          cell.entries.push_back(std::move(entry));
        }
        t_.take();
        if (cell.entries.size() != n)
          t_.fail(cell.value.line, "Images of " + row + " announces " + std::to_string(n) + " but lists " +
                                       std::to_string(cell.entries.size()));
      }
      cells.push_back(std::move(cell));
    }
    t_.expect(';', "at the end of " + row + " (" + std::to_string(l.columns.size()) + " Columns values)");
    l.rows.push_back(std::move(cells));
    l.rowLines.push_back(line);
  }

  Tokens t_;
  std::vector<std::string>& notes_;
};

}  // namespace

bool startsWithRecord(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && isSpace(text[i])) ++i;
  return text.size() - i > 6 && sameIgnoringCase(text.substr(i, 6), "Record") && isSpace(text[i + 6]);
}

Record parseTree(std::string_view text, const std::string& source, std::vector<std::string>& notes) {
  return TreeReader(text, source, notes).file();
}

double nanoPerMicro(std::string_view n) {
  for (const char* length :
       {"XREL", "YREL", "XSIZE", "YSIZE", "DSIZE", "DIEPITCH", "DIEORIGIN", "SAMPLECENTERLOCATION"})
    if (n == length) return 1e3;
  for (const char* area : {"DEFECTAREA", "AREAPERTEST"})
    if (n == area) return 1e6;
  return 1;
}

}  // namespace fab::defect::klarf18

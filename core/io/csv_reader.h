#pragma once
// Streaming RFC 4180 CSV reader: quoted fields holding separators, quotes and
// newlines; CRLF or LF; a UTF-8 byte-order mark. Memory stays flat in the file
// size: records are views into a sliding buffer, valid until the next call.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fab::io {

struct CsvOptions {
  char delimiter = 0;  ///< 0 = sniff among ',', ';' and tab from the first lines
  std::size_t maxFieldBytes = 1 << 20;  ///< a longer field is an error (huge field)
};

/// One record. `line` is the physical line the record starts on (1-based),
/// `raw` its text as in the file (without the line ending).
struct CsvRecord {
  std::vector<std::string_view> fields;
  std::int64_t line = 0;
  std::string_view raw;
  /// 1-based column of field `i` in the raw line (for error messages).
  std::vector<std::uint32_t> fieldColumns;
};

class CsvReader {
 public:
  /// Opens `path` and checks its encoding: empty, UTF-16/32, binary or
  /// non-UTF-8 files are refused with a fab::Error naming the file and line.
  explicit CsvReader(const std::string& path, CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Reads the next record; false at the end of the file. Blank lines are skipped.
  bool next(CsvRecord& record);

  char delimiter() const { return delimiter_; }
  const std::string& path() const { return path_; }
  std::uint64_t fileSize() const { return fileSize_; }
  /// Bytes consumed so far (for progress).
  std::uint64_t bytesRead() const { return consumedBefore_ + pos_; }

 private:
  bool fill();
  void validateNewBytes();
  [[noreturn]] void fail(std::int64_t line, std::uint32_t column, const std::string& what) const;

  std::string path_;
  CsvOptions options_;
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  /// Owned so that a constructor that throws (an empty or binary file) still closes it.
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::uint64_t fileSize_ = 0;
  char delimiter_ = ',';
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0, validated_ = 0;
  std::uint64_t consumedBefore_ = 0;
  bool eof_ = false;
  bool encodingChecked_ = false;
  std::int64_t line_ = 1;
  std::string unquoted_;  ///< storage for fields that had quotes removed
};

/// Picks the delimiter (',', ';' or tab) that splits the sample's first lines
/// into the most fields consistently, ignoring quoted text.
char sniffDelimiter(std::string_view sample);

/// True when `text` is valid UTF-8.
bool isValidUtf8(std::string_view text);

}  // namespace fab::io

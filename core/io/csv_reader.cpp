#include "core/io/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "core/common/error.h"

namespace fab::io {
namespace {

constexpr std::size_t kChunk = 1 << 20;

/// Length of the UTF-8 sequence starting with `c`, or 0 if `c` cannot start one.
int utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

/// Validates [p, end). Returns the offset of the first invalid byte, or the
/// offset of a trailing incomplete sequence when `complete` is false, or
/// end - p when everything is valid.
std::size_t validateUtf8(const unsigned char* p, const unsigned char* end, bool complete, bool& invalid) {
  const unsigned char* start = p;
  invalid = false;
  while (p < end) {
    // Fast path: eight ASCII bytes at a time.
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const int n = utf8Length(*p);
    if (n == 0) {
      invalid = true;
      return static_cast<std::size_t>(p - start);
    }
    if (end - p < n) {
      if (complete) invalid = true;
      return static_cast<std::size_t>(p - start);
    }
    for (int i = 1; i < n; ++i) {
      if ((p[i] & 0xC0) != 0x80) {
        invalid = true;
        return static_cast<std::size_t>(p - start);
      }
    }
    // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
    if ((n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F))) ||
        (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F)))) {
      invalid = true;
      return static_cast<std::size_t>(p - start);
    }
    p += n;
  }
  return static_cast<std::size_t>(p - start);
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  bool invalid = false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  validateUtf8(p, p + text.size(), true, invalid);
  return !invalid;
}

char sniffDelimiter(std::string_view sample) {
  constexpr std::array<char, 3> candidates = {',', ';', '\t'};
  // Count each candidate per line (outside quotes) over the first lines.
  std::array<std::vector<int>, 3> counts;
  std::array<int, 3> current{};
  bool quoted = false;
  int lines = 0;
  for (char c : sample) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') {
      for (int i = 0; i < 3; ++i) counts[i].push_back(std::exchange(current[i], 0));
      if (++lines == 20) break;
      continue;
    }
    for (int i = 0; i < 3; ++i) current[i] += c == candidates[i];
  }
  if (lines < 20)
    for (int i = 0; i < 3; ++i) counts[i].push_back(current[i]);
  // Prefer the candidate present on the first line and consistent across lines.
  int best = 0;
  double bestScore = -1;
  for (int i = 0; i < 3; ++i) {
    const auto& c = counts[i];
    if (c.empty() || c[0] == 0) continue;
    const auto consistent = std::count(c.begin(), c.end(), c[0]);
    const double score = c[0] * static_cast<double>(consistent) / static_cast<double>(c.size());
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return candidates[best];
}

CsvReader::CsvReader(const std::string& path, CsvOptions options) : path_(path), options_(options) {
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) throw Error("cannot open '" + path + "': " + std::strerror(errno));
  std::fseek(file_.get(), 0, SEEK_END);
  fileSize_ = static_cast<std::uint64_t>(std::ftell(file_.get()));
  std::fseek(file_.get(), 0, SEEK_SET);
  buffer_.resize(kChunk);
  fill();
  if (end_ == 0) throw Error(path + ": the file is empty");

  const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data());
  if (end_ >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
                    (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)))
    throw Error(path + ": unsupported encoding UTF-32; save the file as UTF-8");
  if (end_ >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
    throw Error(path + ": unsupported encoding UTF-16; save the file as UTF-8");
  if (end_ >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) pos_ = validated_ = 3;
  if (std::memchr(buffer_.data(), 0, std::min<std::size_t>(end_, 65536)))
    throw Error(path + ": this is a binary file, not CSV text (it holds NUL bytes)");
  encodingChecked_ = true;
  validateNewBytes();
  bool onlyBlank = std::all_of(buffer_.begin() + static_cast<long>(pos_), buffer_.begin() + static_cast<long>(end_),
                               [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; });
  if (onlyBlank && eof_) throw Error(path + ": the file holds no data (only blank lines)");

  delimiter_ = options_.delimiter ? options_.delimiter
                                  : sniffDelimiter(std::string_view(buffer_.data() + pos_, end_ - pos_));
}

CsvReader::~CsvReader() = default;

void CsvReader::fail(std::int64_t line, std::uint32_t column, const std::string& what) const {
  throw Error(path_ + ":" + std::to_string(line) + (column ? ":" + std::to_string(column) : "") + ": " + what);
}

/// Moves the unread tail to the front and reads more. Validates the new bytes
/// as UTF-8. Returns false when nothing more could be read.
bool CsvReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    consumedBefore_ += pos_;
    end_ -= pos_;
    validated_ -= pos_;
    pos_ = 0;
  }
  if (buffer_.size() - end_ < kChunk / 2) buffer_.resize(std::max(buffer_.size() * 2, end_ + kChunk));
  const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_.get());
  end_ += got;
  if (got == 0 || std::feof(file_.get())) eof_ = true;

  if (encodingChecked_) validateNewBytes();
  return got > 0;
}

void CsvReader::validateNewBytes() {
  // A sequence cut by the read stays pending until the next read.
  bool invalid = false;
  const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data());
  validated_ += validateUtf8(b + validated_, b + end_, eof_, invalid);
  if (!invalid) return;
  const std::size_t bad = validated_;
  const auto lines = std::count(buffer_.begin() + static_cast<long>(pos_), buffer_.begin() + static_cast<long>(bad), '\n');
  const char* lineStart = buffer_.data() + bad;
  while (lineStart > buffer_.data() + pos_ && lineStart[-1] != '\n') --lineStart;
  fail(line_ + lines, static_cast<std::uint32_t>(buffer_.data() + bad - lineStart + 1),
       "invalid UTF-8 byte sequence; the file must be UTF-8 text");
}

bool CsvReader::next(CsvRecord& record) {
  struct Span {
    std::size_t offset, length;
    bool unquoted;
    std::uint32_t column;
  };
  static thread_local std::vector<Span> spans;

  for (;;) {
    // Skip blank lines.
    while (pos_ < end_ && (buffer_[pos_] == '\n' || buffer_[pos_] == '\r')) {
      if (buffer_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ >= end_) {
      if (!fill()) return false;
      continue;
    }

    spans.clear();
    unquoted_.clear();
    const char* base = buffer_.data();
    const char* p = base + pos_;
    const char* end = base + end_;
    const char* lineStart = p;
    std::int64_t newlines = 0;
    bool needMore = false;

    // Fast path: a line without quotes.
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl && !eof_) {
      if (static_cast<std::size_t>(end - p) > options_.maxFieldBytes * 4 + kChunk)
        fail(line_, 0, "line longer than " + std::to_string(options_.maxFieldBytes * 4) + " bytes");
      fill();
      continue;
    }
    const char* lineEnd = nl ? nl : end;
    if (!std::memchr(p, '"', static_cast<std::size_t>(lineEnd - p))) {
      const char* stop = lineEnd;
      if (stop > p && stop[-1] == '\r') --stop;
      const char* f = p;
      for (;;) {
        const char* d = static_cast<const char*>(std::memchr(f, delimiter_, static_cast<std::size_t>(stop - f)));
        const char* fe = d ? d : stop;
        if (static_cast<std::size_t>(fe - f) > options_.maxFieldBytes)
          fail(line_, static_cast<std::uint32_t>(f - lineStart + 1),
               "field longer than " + std::to_string(options_.maxFieldBytes) + " bytes");
        spans.push_back({static_cast<std::size_t>(f - base), static_cast<std::size_t>(fe - f), false,
                         static_cast<std::uint32_t>(f - lineStart + 1)});
        if (!d) break;
        f = d + 1;
      }
      record.raw = std::string_view(p, static_cast<std::size_t>(stop - p));
      p = nl ? nl + 1 : end;
    } else {
      // Slow path: the RFC 4180 state machine over possibly several lines.
      for (;;) {
        const std::uint32_t column = static_cast<std::uint32_t>(p - lineStart + 1);
        if (p < end && *p == '"') {
          const std::size_t u0 = unquoted_.size();
          ++p;
          bool closed = false;
          while (p < end) {
            const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
            if (!q) break;
            newlines += std::count(p, q, '\n');
            unquoted_.append(p, q);
            if (q + 1 < end && q[1] == '"') {
              unquoted_.push_back('"');
              p = q + 2;
              continue;
            }
            if (q + 1 >= end && !eof_) break;  // cannot tell "" from " yet
            p = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!eof_) {
              needMore = true;
              break;
            }
            fail(line_, column, "quoted field is never closed (missing \")");
          }
          if (unquoted_.size() - u0 > options_.maxFieldBytes)
            fail(line_, column, "field longer than " + std::to_string(options_.maxFieldBytes) + " bytes");
          spans.push_back({u0, unquoted_.size() - u0, true, column});
          if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n') ++p;
          if (p >= end) {
            if (!eof_) {
              needMore = true;
              break;
            }
            break;
          }
          if (*p == delimiter_) {
            ++p;
            if (p >= end && eof_) {
              spans.push_back({static_cast<std::size_t>(p - base), 0, false, column});
              break;
            }
            continue;
          }
          if (*p == '\n') {
            ++p;
            break;
          }
          fail(line_ + newlines, static_cast<std::uint32_t>(p - lineStart + 1),
               std::string("unexpected character '") + *p + "' after a closing quote; expected the delimiter or the end of the line");
        } else {
          const char* f = p;
          while (p < end && *p != delimiter_ && *p != '\n') {
            if (*p == '"')
              fail(line_ + newlines, static_cast<std::uint32_t>(p - lineStart + 1),
                   "quote inside an unquoted field; quote the whole field and double the quote (\"\")");
            ++p;
          }
          if (p >= end && !eof_) {
            needMore = true;
            break;
          }
          const char* fe = p;
          if (fe > f && fe[-1] == '\r' && (p >= end || *p == '\n')) --fe;
          if (static_cast<std::size_t>(fe - f) > options_.maxFieldBytes)
            fail(line_ + newlines, column, "field longer than " + std::to_string(options_.maxFieldBytes) + " bytes");
          spans.push_back({static_cast<std::size_t>(f - base), static_cast<std::size_t>(fe - f), false, column});
          if (p >= end) break;
          if (*p == '\n') {
            ++p;
            break;
          }
          ++p;  // delimiter
        }
      }
      if (needMore) {
        // A record still open after this many bytes holds a field over the limit (or never ends).
        if (static_cast<std::size_t>(end - lineStart) > options_.maxFieldBytes * 4 + kChunk)
          fail(line_, 0, "record longer than " + std::to_string(options_.maxFieldBytes * 4) + " bytes");
        fill();
        continue;
      }
      const char* rawEnd = p;
      if (rawEnd > lineStart && rawEnd[-1] == '\n') --rawEnd;
      if (rawEnd > lineStart && rawEnd[-1] == '\r') --rawEnd;
      record.raw = std::string_view(lineStart, static_cast<std::size_t>(rawEnd - lineStart));
    }

    record.line = line_;
    line_ += 1 + newlines;
    pos_ = static_cast<std::size_t>(p - base);
    record.fields.resize(spans.size());
    record.fieldColumns.resize(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const auto& s = spans[i];
      record.fields[i] = s.unquoted ? std::string_view(unquoted_.data() + s.offset, s.length)
                                    : std::string_view(base + s.offset, s.length);
      record.fieldColumns[i] = s.column;
    }
    return true;
  }
}

}  // namespace fab::io

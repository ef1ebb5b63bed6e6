#pragma once
// Framing of an STDF V4 stream: every record is a 4-byte header (REC_LEN,
// the body's length as U2 in the file's byte order; REC_TYP; REC_SUB) and
// REC_LEN bytes of body. The first record must be a FAR, whose CPU_TYPE gives
// the byte order (1 = big-endian Sun/Motorola, 2 = little-endian x86; STDF
// V4 "FAR"). A pull reader: memory is one buffer whatever the file's size.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/stdf/byte_source.h"

namespace fab::stdf {

enum class ByteOrder { Little, Big };

/// One record as framed: its type, where it starts in the (decompressed)
/// stream and its body, valid until the next call to next().
struct RawRecord {
  std::uint8_t type = 0, sub = 0;
  std::uint64_t offset = 0;  ///< byte offset of the record header in the decompressed stream
  std::span<const unsigned char> body;
  std::uint16_t code() const { return static_cast<std::uint16_t>(type << 8 | sub); }
};

class RecordReader {
 public:
  /// Opens `path` (plain, gzip or bzip2) and reads its FAR. Throws fab::Error
  /// when the file does not start with a FAR or names an unknown byte order.
  explicit RecordReader(const std::string& path);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  /// The next record (the FAR first); false at the end of the stream. Throws
  /// fab::Error naming the byte offset and record type when the stream ends
  /// inside a record (truncated) or a header is not an STDF record (corrupt
  /// REC_LEN before it).
  bool next(RawRecord& record);

  ByteOrder byteOrder() const { return order_; }
  int cpuType() const { return cpuType_; }
  int stdfVersion() const { return stdfVersion_; }
  Compression compression() const { return source_->compression(); }
  const std::string& path() const { return source_->path(); }
  /// Decompressed bytes framed so far.
  std::uint64_t offset() const { return offset_; }
  /// Bytes of the file itself read so far, and its size (for progress).
  std::uint64_t fileBytesRead() const { return source_->fileBytesRead(); }
  std::uint64_t fileSize() const { return source_->fileSize(); }
  /// Notes on accepted quirks (e.g. a CPU_TYPE contradicted by REC_LEN).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  /// Makes `size` bytes available from `start_`; false when the stream ends first.
  bool fill(std::size_t size);
  std::string where(std::uint64_t offset) const;

  std::unique_ptr<ByteSource> source_;
  std::vector<unsigned char> buffer_;
  std::size_t start_ = 0, end_ = 0;
  std::uint64_t offset_ = 0;  ///< stream offset of buffer_[start_]
  ByteOrder order_ = ByteOrder::Little;
  int cpuType_ = 0, stdfVersion_ = 0;
  std::uint16_t previousCode_ = 0;
  std::uint64_t previousOffset_ = 0;
  std::vector<std::string> warnings_;
};

/// "PTR (15/10)" or "unknown record 180/3".
std::string describeRecordType(std::uint8_t type, std::uint8_t sub);

}  // namespace fab::stdf

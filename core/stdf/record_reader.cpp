#include "core/stdf/record_reader.h"

#include <cstring>

#include "core/common/error.h"
#include "core/stdf/record_types.h"

namespace fab::stdf {
namespace {

constexpr std::size_t kBufferBytes = 1 << 18;  ///< ≥ 4 + 65535, the largest record
constexpr std::size_t kHeaderBytes = 4;

}  // namespace

std::string describeRecordType(std::uint8_t type, std::uint8_t sub) {
  const std::string numbers = std::to_string(type) + "/" + std::to_string(sub);
  if (const char* name = recordName(type, sub)) return std::string(name) + " (" + numbers + ")";
  return "unknown record " + numbers;
}

RecordReader::RecordReader(const std::string& path)
    : source_(std::make_unique<ByteSource>(path)), buffer_(kBufferBytes) {
  if (!fill(kHeaderBytes + 2)) {
    throw Error(path + ": not an STDF file: " + std::to_string(end_ - start_) +
                " byte(s), too short for the FAR record every STDF file starts with");
  }
  const unsigned char* h = buffer_.data() + start_;
  if (h[2] != 0 || h[3] != 10) {
    throw Error(path + ": not an STDF file: it does not start with a FAR record (REC_TYP 0, REC_SUB 10) but with " +
                std::to_string(h[2]) + "/" + std::to_string(h[3]) + " at byte 0");
  }
  cpuType_ = h[4];
  stdfVersion_ = h[5];
  // REC_LEN of the FAR is 2: its byte order confirms CPU_TYPE.
  const bool lenBig = h[0] == 0 && h[1] == 2, lenLittle = h[0] == 2 && h[1] == 0;
  if (cpuType_ == 1) {
    order_ = ByteOrder::Big;
  } else if (cpuType_ == 2) {
    order_ = ByteOrder::Little;
  } else if (lenBig || lenLittle) {
    order_ = lenBig ? ByteOrder::Big : ByteOrder::Little;
    warnings_.push_back("FAR CPU_TYPE " + std::to_string(cpuType_) + " is not 1 (Sun) or 2 (x86): byte order " +
                        (lenBig ? "big" : "little") + "-endian taken from the FAR's REC_LEN");
  } else {
    throw Error(path + ": FAR CPU_TYPE " + std::to_string(cpuType_) +
                " names a byte order this reader does not know (1 = big-endian, 2 = little-endian)");
  }
  if ((order_ == ByteOrder::Big && lenLittle) || (order_ == ByteOrder::Little && lenBig)) {
    warnings_.push_back("FAR CPU_TYPE " + std::to_string(cpuType_) +
                        " contradicts the FAR's REC_LEN; the byte order of REC_LEN is used");
    order_ = lenBig ? ByteOrder::Big : ByteOrder::Little;
  }
  if (stdfVersion_ != 4)
    throw Error(path + ": FAR STDF_VER is " + std::to_string(stdfVersion_) + "; this reader reads STDF V4 only");
}

RecordReader::~RecordReader() = default;

bool RecordReader::fill(std::size_t size) {
  if (end_ - start_ >= size) return true;
  if (start_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
  }
  while (end_ < size) {
    const std::size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) return false;
    end_ += got;
  }
  return true;
}

std::string RecordReader::where(std::uint64_t offset) const {
  return source_->path() + ": byte " + std::to_string(offset) +
         (source_->compression() == Compression::None ? "" : " of the decompressed stream");
}

bool RecordReader::next(RawRecord& record) {
  if (!fill(kHeaderBytes)) {
    if (end_ == start_) return false;
    throw Error(where(offset_) + ": the file ends inside a record header (" + std::to_string(end_ - start_) +
                " of 4 bytes): the file is truncated");
  }
  const unsigned char* h = buffer_.data() + start_;
  const std::size_t length = order_ == ByteOrder::Big ? (h[0] << 8 | h[1]) : (h[1] << 8 | h[0]);
  const std::uint8_t type = h[2], sub = h[3];
  if (!isRecordCategory(type)) {
    std::string message = where(offset_) + ": " + describeRecordType(type, sub) + " is not an STDF V4 record type";
    if (previousCode_ || offset_ > 0)
      message += "; the REC_LEN of the record before it (" +
                 describeRecordType(previousCode_ >> 8, previousCode_ & 0xff) + " at byte " +
                 std::to_string(previousOffset_) + ") is probably corrupt";
    throw Error(message);
  }
  if (!fill(kHeaderBytes + length)) {
    throw Error(where(offset_) + ": " + describeRecordType(type, sub) + " declares REC_LEN " + std::to_string(length) +
                " but the file ends after " + std::to_string(end_ - start_ - kHeaderBytes) +
                " byte(s) of it: the file is truncated (or its REC_LEN is corrupt)");
  }
  record.type = type;
  record.sub = sub;
  record.offset = offset_;
  record.body = std::span<const unsigned char>(buffer_.data() + start_ + kHeaderBytes, length);
  previousCode_ = record.code();
  previousOffset_ = offset_;
  start_ += kHeaderBytes + length;
  offset_ += kHeaderBytes + length;
  return true;
}

}  // namespace fab::stdf

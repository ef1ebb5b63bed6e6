#pragma once
// Reads the fields of one record body in order, in the file's byte order.
// STDF V4 lets a record end before its last fields ("Optional fields at the
// end of a record may be omitted"): a field past the end reads as the default
// given, and ended() turns true. Data types as in STDF V4 "Data Type Codes":
// Un/In unsigned/signed n-byte integers, R4/R8 IEEE floats, C1 one character,
// Cn a count byte and that many characters, Bn a count byte and that many
// bytes, Dn a U2 bit count and its bytes, Nn nibbles (two to a byte).
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string_view>

#include "core/stdf/record_reader.h"

namespace fab::stdf {

class FieldReader {
 public:
  FieldReader(std::span<const unsigned char> body, ByteOrder order) : body_(body), order_(order) {}

  /// True once a field was asked for past the end of the body.
  bool ended() const { return ended_; }
  /// True while at least one more byte of body remains.
  bool more() const { return pos_ < body_.size(); }

  std::uint8_t u1(std::uint8_t missing = 0) { return has(1) ? body_[pos_++] : missing; }
  std::int8_t i1(std::int8_t missing = 0) { return has(1) ? static_cast<std::int8_t>(body_[pos_++]) : missing; }
  char c1(char missing = ' ') { return has(1) ? static_cast<char>(body_[pos_++]) : missing; }
  std::uint16_t u2(std::uint16_t missing = 0) { return has(2) ? static_cast<std::uint16_t>(take(2)) : missing; }
  std::int16_t i2(std::int16_t missing = 0) {
    return has(2) ? static_cast<std::int16_t>(static_cast<std::uint16_t>(take(2))) : missing;
  }
  std::uint32_t u4(std::uint32_t missing = 0) { return has(4) ? static_cast<std::uint32_t>(take(4)) : missing; }
  std::int32_t i4(std::int32_t missing = 0) {
    return has(4) ? static_cast<std::int32_t>(static_cast<std::uint32_t>(take(4))) : missing;
  }
  float r4(float missing = std::numeric_limits<float>::quiet_NaN()) {
    return has(4) ? std::bit_cast<float>(static_cast<std::uint32_t>(take(4))) : missing;
  }
  double r8(double missing = std::numeric_limits<double>::quiet_NaN()) {
    return has(8) ? std::bit_cast<double>(take(8)) : missing;
  }
  /// Cn: a count byte and that many characters. A string cut by the record's
  /// end keeps the characters present.
  std::string_view cn() { return counted(u1()); }
  /// Bn: a count byte and that many bytes.
  std::string_view bn() { return counted(u1()); }
  /// Dn: a U2 count of bits and their bytes.
  void skipDn() { skip((u2() + 7u) / 8u); }
  /// An array of `count` fields of `bytes` bytes each.
  void skip(std::size_t bytes) {
    if (!has(bytes)) {
      pos_ = body_.size();
      return;
    }
    pos_ += bytes;
  }
  /// `count` nibbles (jxN1): two to a byte.
  void skipNibbles(std::size_t count) { skip((count + 1) / 2); }

 private:
  bool has(std::size_t bytes) {
    if (body_.size() - pos_ >= bytes) return true;
    ended_ = true;
    pos_ = body_.size();
    return false;
  }
  std::uint64_t take(std::size_t bytes) {
    std::uint64_t v = 0;
    const unsigned char* p = body_.data() + pos_;
    if (order_ == ByteOrder::Big)
      for (std::size_t i = 0; i < bytes; ++i) v = v << 8 | p[i];
    else
      for (std::size_t i = bytes; i-- > 0;) v = v << 8 | p[i];
    pos_ += bytes;
    return v;
  }
  std::string_view counted(std::size_t count) {
    const std::size_t n = std::min(count, body_.size() - pos_);
    if (n < count) ended_ = true;
    std::string_view s(reinterpret_cast<const char*>(body_.data() + pos_), n);
    pos_ += n;
    return s;
  }

  std::span<const unsigned char> body_;
  std::size_t pos_ = 0;
  ByteOrder order_;
  bool ended_ = false;
};

}  // namespace fab::stdf

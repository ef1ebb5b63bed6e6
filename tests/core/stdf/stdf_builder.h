#pragma once
// Writes small STDF V4 streams for tests, in either byte order: each record
// is its fields appended in order, framed with REC_LEN / REC_TYP / REC_SUB.
#include <bit>
#include <cstdint>
#include <string>

namespace fab::test {

class StdfBuilder {
 public:
  explicit StdfBuilder(bool bigEndian) : big_(bigEndian) {
    u1(bigEndian ? 1 : 2).u1(4);  // FAR: CPU_TYPE, STDF_VER
    end(0, 10);
  }
  StdfBuilder& u1(unsigned v) {
    body_ += static_cast<char>(v & 0xff);
    return *this;
  }
  StdfBuilder& u2(unsigned v) { return put(v, 2); }
  StdfBuilder& u4(std::uint32_t v) { return put(v, 4); }
  StdfBuilder& i2(int v) { return put(static_cast<std::uint16_t>(v), 2); }
  StdfBuilder& r4(float v) { return put(std::bit_cast<std::uint32_t>(v), 4); }
  StdfBuilder& cn(const std::string& s) {
    u1(static_cast<unsigned>(s.size()));
    body_ += s;
    return *this;
  }
  /// Frames the fields added since the last record as one record.
  StdfBuilder& end(unsigned type, unsigned sub) {
    const std::string body = std::move(body_);
    body_.clear();
    put(static_cast<std::uint32_t>(body.size()), 2);
    std::string header = std::move(body_);
    body_.clear();
    bytes_ += header;
    bytes_ += static_cast<char>(type);
    bytes_ += static_cast<char>(sub);
    bytes_ += body;
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  StdfBuilder& put(std::uint64_t v, int size) {
    for (int i = 0; i < size; ++i) {
      const int shift = big_ ? 8 * (size - 1 - i) : 8 * i;
      body_ += static_cast<char>((v >> shift) & 0xff);
    }
    return *this;
  }
  bool big_;
  std::string body_, bytes_;
};

}  // namespace fab::test

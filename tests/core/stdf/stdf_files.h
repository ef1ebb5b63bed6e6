#pragma once
// The real STDF files of the shared reference folder, and an independent look
// at their bytes for the tests: decompression straight through zlib / libbz2
// into memory, and a walk over the record headers (REC_LEN, REC_TYP, REC_SUB)
// that counts records by type without the reader under test.
#include <bzlib.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fab::test {

inline std::string stdfFolder() { return std::string(FAB_SOURCE_DIR) + "/../shared/reference/real/stdf"; }
inline std::string stdfFile(const std::string& name) { return stdfFolder() + "/" + name; }

/// Every STDF file under the folder (not the ASCII datalog, not PROVENANCE.md), sorted.
inline std::vector<std::string> realStdfFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(stdfFolder())) {
    const auto name = e.path().filename().string();
    if (!e.is_regular_file() || name == "PROVENANCE.md" || name.find(".data.gz") != std::string::npos) continue;
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The file's bytes, gunzipped or bunzipped in memory when compressed.
inline std::string decompressedBytes(const std::string& path) {
  const std::string raw = readBytes(path);
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f && static_cast<unsigned char>(raw[1]) == 0x8b) {
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
    std::string out;
    char buffer[1 << 16];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    z.avail_in = static_cast<uInt>(raw.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END) throw std::runtime_error("inflate");
      out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    return out;
  }
  if (raw.rfind("BZh", 0) == 0) {
    std::string out(raw.size() * 50 + 4096, '\0');
    auto size = static_cast<unsigned>(out.size());
    if (BZ2_bzBuffToBuffDecompress(out.data(), &size, const_cast<char*>(raw.data()), static_cast<unsigned>(raw.size()),
                                   0, 0) != BZ_OK)
      throw std::runtime_error("BZ2_bzBuffToBuffDecompress");
    out.resize(size);
    return out;
  }
  return raw;
}

/// One record header as the walk sees it.
struct HeaderAt {
  std::size_t offset;
  unsigned length, type, sub;
};

/// The record headers of an STDF stream, the byte order taken from the FAR's
/// CPU_TYPE (byte 4: 1 big-endian, otherwise little-endian).
inline std::vector<HeaderAt> walkHeaders(const std::string& bytes) {
  std::vector<HeaderAt> headers;
  const bool big = bytes.size() > 4 && bytes[4] == 1;
  std::size_t i = 0;
  while (i + 4 <= bytes.size()) {
    const auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    const unsigned length = big ? (b0 << 8 | b1) : (b1 << 8 | b0);
    headers.push_back({i, length, static_cast<unsigned char>(bytes[i + 2]), static_cast<unsigned char>(bytes[i + 3])});
    i += 4 + length;
  }
  return headers;
}

inline std::map<std::pair<unsigned, unsigned>, std::int64_t> countByType(const std::vector<HeaderAt>& headers) {
  std::map<std::pair<unsigned, unsigned>, std::int64_t> counts;
  for (const auto& h : headers) ++counts[{h.type, h.sub}];
  return counts;
}

}  // namespace fab::test

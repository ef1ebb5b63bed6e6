#pragma once
// The bytes of an STDF file as the tester wrote them: a plain file, or one
// compressed with gzip (zlib) or bzip2 (libbz2), told apart by their magic
// bytes ("\x1f\x8b", "BZh"), not by the file name. Reading is streaming: a
// fixed buffer, so memory stays flat in the file size.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace fab::stdf {

enum class Compression { None, Gzip, Bzip2 };

/// The compression a file's first bytes announce.
Compression detectCompression(const unsigned char* head, std::size_t size);
const char* compressionName(Compression c);

class ByteSource {
 public:
  /// Opens `path`; throws fab::Error when it cannot be read.
  explicit ByteSource(const std::string& path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  /// Reads up to `size` decompressed bytes into `out`; fewer only at the end
  /// of the stream. Throws fab::Error on corrupt compressed data, naming the
  /// decompressed offset reached.
  std::size_t read(unsigned char* out, std::size_t size);

  Compression compression() const { return compression_; }
  /// Bytes of the file itself consumed so far (for progress).
  std::uint64_t fileBytesRead() const;
  std::uint64_t fileSize() const { return fileSize_; }
  const std::string& path() const { return path_; }

  struct Decoder;

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t fileSize_ = 0;
  std::uint64_t produced_ = 0;
  Compression compression_ = Compression::None;
  std::unique_ptr<Decoder> decoder_;
};

}  // namespace fab::stdf

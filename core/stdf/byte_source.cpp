#include "core/stdf/byte_source.h"

#include <bzlib.h>
#include <zlib.h>

#include <cstring>
#include <vector>

#include "core/common/error.h"

namespace fab::stdf {
namespace {

constexpr std::size_t kInputBytes = 1 << 16;

}  // namespace

Compression detectCompression(const unsigned char* head, std::size_t size) {
  if (size >= 2 && head[0] == 0x1f && head[1] == 0x8b) return Compression::Gzip;
  if (size >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9')
    return Compression::Bzip2;
  return Compression::None;
}

const char* compressionName(Compression c) {
  switch (c) {
    case Compression::Gzip:
      return "gzip";
    case Compression::Bzip2:
      return "bzip2";
    case Compression::None:
      break;
  }
  return "none";
}

/// Holds the compressed input buffer and the zlib or libbz2 state. A stream
/// may hold several members one after another (gzip -c a b > ab.gz, pbzip2):
/// each is decoded in turn until the file ends.
struct ByteSource::Decoder {
  Compression kind;
  std::vector<unsigned char> input = std::vector<unsigned char>(kInputBytes);
  std::size_t inputStart = 0, inputEnd = 0;
  std::uint64_t consumed = 0;  ///< compressed bytes handed to the decoder
  z_stream z{};
  bz_stream bz{};
  bool open = false, ended = false;

  explicit Decoder(Compression k) : kind(k) {}
  ~Decoder() { close(); }

  void start(const std::string& path) {
    if (kind == Compression::Gzip) {
      if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw Error(path + ": cannot start gzip decompression");
    } else if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK) {
      throw Error(path + ": cannot start bzip2 decompression");
    }
    open = true;
  }
  void close() {
    if (!open) return;
    if (kind == Compression::Gzip)
      inflateEnd(&z);
    else
      BZ2_bzDecompressEnd(&bz);
    open = false;
  }
};

ByteSource::ByteSource(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw Error(path + ": cannot open the file (" + std::strerror(errno) + ")");
  if (std::fseek(file_, 0, SEEK_END) == 0) {
    const long size = std::ftell(file_);
    fileSize_ = size > 0 ? static_cast<std::uint64_t>(size) : 0;
    std::fseek(file_, 0, SEEK_SET);
  }
  unsigned char head[4];
  const std::size_t got = std::fread(head, 1, sizeof head, file_);
  std::fseek(file_, 0, SEEK_SET);
  compression_ = detectCompression(head, got);
  if (compression_ != Compression::None) {
    decoder_ = std::make_unique<Decoder>(compression_);
    decoder_->start(path_);
  }
}

ByteSource::~ByteSource() {
  decoder_.reset();
  if (file_) std::fclose(file_);
}

std::uint64_t ByteSource::fileBytesRead() const { return decoder_ ? decoder_->consumed : produced_; }

std::size_t ByteSource::read(unsigned char* out, std::size_t size) {
  if (!decoder_) {
    const std::size_t got = std::fread(out, 1, size, file_);
    if (got < size && std::ferror(file_))
      throw Error(path_ + ": read error at byte " + std::to_string(produced_ + got));
    produced_ += got;
    return got;
  }
  Decoder& d = *decoder_;
  std::size_t done = 0;
  while (done < size && !d.ended) {
    if (d.inputStart == d.inputEnd) {
      d.inputStart = 0;
      d.inputEnd = std::fread(d.input.data(), 1, d.input.size(), file_);
      if (d.inputEnd == 0) {
        // The file ended. Inside a member, the compressed data was cut short.
        if (d.open) {
          throw Error(path_ + ": the " + compressionName(d.kind) + " data ends early (truncated file) at byte " +
                      std::to_string(produced_ + done) + " of the decompressed stream");
        }
        d.ended = true;
        break;
      }
    }
    if (!d.open) {
      // A further member follows only if it starts with its magic; anything
      // else after the last member (zero padding some tools add) is ignored.
      const unsigned char* next = d.input.data() + d.inputStart;
      if (detectCompression(next, d.inputEnd - d.inputStart) != d.kind) {
        d.ended = true;
        break;
      }
      d.start(path_);
    }
    const std::size_t before = d.inputStart;
    std::size_t wrote = 0;
    bool memberEnd = false;
    if (d.kind == Compression::Gzip) {
      d.z.next_in = d.input.data() + d.inputStart;
      d.z.avail_in = static_cast<uInt>(d.inputEnd - d.inputStart);
      d.z.next_out = out + done;
      d.z.avail_out = static_cast<uInt>(size - done);
      const int rc = inflate(&d.z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        throw Error(path_ + ": corrupt gzip data near byte " + std::to_string(produced_ + done) +
                    " of the decompressed stream (" + (d.z.msg ? d.z.msg : "zlib error") + ")");
      d.inputStart = d.inputEnd - d.z.avail_in;
      wrote = size - done - d.z.avail_out;
      memberEnd = rc == Z_STREAM_END;
    } else {
      d.bz.next_in = reinterpret_cast<char*>(d.input.data() + d.inputStart);
      d.bz.avail_in = static_cast<unsigned>(d.inputEnd - d.inputStart);
      d.bz.next_out = reinterpret_cast<char*>(out + done);
      d.bz.avail_out = static_cast<unsigned>(size - done);
      const int rc = BZ2_bzDecompress(&d.bz);
      if (rc != BZ_OK && rc != BZ_STREAM_END)
        throw Error(path_ + ": corrupt bzip2 data near byte " + std::to_string(produced_ + done) +
                    " of the decompressed stream (libbz2 code " + std::to_string(rc) + ")");
      d.inputStart = d.inputEnd - d.bz.avail_in;
      wrote = size - done - d.bz.avail_out;
      memberEnd = rc == BZ_STREAM_END;
    }
    d.consumed += d.inputStart - before;
    done += wrote;
    if (memberEnd) d.close();
  }
  produced_ += done;
  return done;
}

}  // namespace fab::stdf

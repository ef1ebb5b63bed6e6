#include "models/classifier/training_maps_file.h"

#include <bit>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/io/sha256.h"

namespace fab::models {

static_assert(std::endian::native == std::endian::little, "training_maps.f32 is written little-endian as in memory");

std::string writeTrainingMapsFile(const std::string& path, std::span<const float> values) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write the training maps' embeddings " + path);
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size_bytes()));
    if (!out.flush()) throw Error("cannot write the training maps' embeddings " + path);
  }
  return io::sha256OfFile(path);
}

std::vector<float> readTrainingMapsFile(const std::string& dir, const TrainingMapsEntry& entry,
                                        const std::string& cardPath) {
  const auto path = (std::filesystem::path(dir) / entry.file).string();
  if (!std::filesystem::exists(path))
    throw Error(cardPath + ": its training maps' embeddings " + path + " are missing");
  if (const auto sha = io::sha256OfFile(path); sha != entry.sha256)
    throw Error(path + " is not the file " + cardPath + " describes (SHA-256 " + sha + ", expected " + entry.sha256 +
                "): refusing a mismatched model");
  const auto expected = entry.maps * entry.dimensions * sizeof(float);
  if (const auto size = std::filesystem::file_size(path); size != expected || entry.maps == 0)
    throw Error(path + " holds " + std::to_string(size) + " bytes; " + cardPath + " describes " +
                std::to_string(entry.maps) + " maps × " + std::to_string(entry.dimensions) + " float32 values (" +
                std::to_string(expected) + " bytes): refusing a mismatched model");
  std::vector<float> values(entry.maps * entry.dimensions);
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(expected)))
    throw Error("cannot read the training maps' embeddings " + path);
  return values;
}

}  // namespace fab::models

#include "core/ml/classifier_input.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "core/common/error.h"

namespace fab::ml {

std::size_t classifierImageSize(int gridSize) { return static_cast<std::size_t>(kInputChannels) * gridSize * gridSize; }

std::size_t classifierInputSize(int gridSize) { return classifierImageSize(gridSize) + kShapeFeatureCount; }

void writeClassifierInput(const DieMap& map, int gridSize, std::span<float> out) {
  if (out.size() != classifierInputSize(gridSize))
    throw Error("a classifier input on a " + std::to_string(gridSize) + " grid takes " +
                std::to_string(classifierInputSize(gridSize)) + " values, not " + std::to_string(out.size()));
  const auto image = resampleDieMap(map, gridSize);
  const auto features = mapShapeFeatures(map);
  std::copy(image.values.begin(), image.values.end(), out.begin());
  std::copy(features.begin(), features.end(), out.begin() + static_cast<std::ptrdiff_t>(image.values.size()));
}

std::vector<float> classifierInputs(std::span<const DieMap> maps, int gridSize) {
  const auto size = classifierInputSize(gridSize);
  std::vector<float> out(maps.size() * size);
  // Map i always lands in row i, so the result does not depend on the thread count; the first
  // failure (in map order within each thread's share) is rethrown.
  const std::size_t threads =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, maps.size() / 64));
  std::vector<std::exception_ptr> failures(threads);
  auto work = [&](std::size_t t) {
    try {
      for (std::size_t i = t; i < maps.size(); i += threads)
        writeClassifierInput(maps[i], gridSize, std::span<float>(out).subspan(i * size, size));
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);
  return out;
}

}  // namespace fab::ml

#include "core/ml/map_dataset.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace fab::ml {

WaferMapGenerator syntheticGenerator(DatasetPurpose purpose, std::uint64_t seed) {
  std::uint64_t state = seed ^ (0x5EED0000ULL + static_cast<std::uint64_t>(purpose));
  const std::uint64_t salted = splitMix64(state);
  return WaferMapGenerator(
      purpose == DatasetPurpose::HeldOut ? GeneratorSettings::heldOut() : GeneratorSettings::training(), salted);
}

MapDataset makeSyntheticDataset(const WaferMapGenerator& generator, std::uint64_t first, std::size_t count,
                                int gridSize, int threads, const Feedback& feedback) {
  MapDataset data;
  data.gridSize = gridSize;
  data.labels.resize(count);
  data.inputs.resize(count * data.mapValues());
  const std::size_t values = data.mapValues();
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failureMutex;

  // Workers take maps one at a time; map k always lands in slot k, so the
  // result does not depend on the number of threads. Only the calling thread
  // reports progress and looks at the cancel flag.
  auto work = [&](bool reporting) {
    try {
      for (std::size_t k; !stop && (k = next++) < count;) {
        const auto s = generator.generate(first + k);
        writeClassifierInput(s.map, gridSize, std::span<float>(data.inputs).subspan(k * values, values));
        data.labels[k] = patternIndex(s.label);
        const auto finished = ++done;
        if (reporting) {
          if (feedback.cancelled()) stop = true;
          if ((k & 255) == 0) feedback.report(static_cast<double>(finished) / count, "generating wafer maps");
        }
      }
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  const int n = std::clamp(threads, 1, static_cast<int>(std::max<std::size_t>(count, 1)));
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  feedback.checkCancelled();
  feedback.report(1.0, "generating wafer maps");
  return data;
}

}  // namespace fab::ml

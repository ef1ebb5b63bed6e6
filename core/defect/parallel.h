#pragma once
// Splitting a loop over n items into contiguous chunks run on a few threads
// (the analyses' only parallelism; no exceptions may escape `fn`).
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace fab::defect {

/// Threads to use when an options struct says 0: the hardware's, at least 1.
inline int defaultThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls fn(begin, end, chunk) for `chunks` contiguous ranges covering [0, n),
/// each on its own thread (the last on the calling thread). fn must not throw.
template <typename Fn>
void parallelChunks(std::size_t n, int chunks, Fn&& fn) {
  chunks = static_cast<int>(
      std::clamp<std::size_t>(static_cast<std::size_t>(std::max(chunks, 1)), 1, std::max<std::size_t>(n, 1)));
  if (chunks == 1) {
    fn(std::size_t{0}, n, 0);
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(chunks - 1));
  const std::size_t step = (n + static_cast<std::size_t>(chunks) - 1) / static_cast<std::size_t>(chunks);
  for (int c = 0; c < chunks - 1; ++c) {
    const std::size_t b = std::min(n, c * step), e = std::min(n, (c + 1) * step);
    threads.emplace_back([&fn, b, e, c] { fn(b, e, c); });
  }
  fn(std::min(n, (chunks - 1) * step), n, chunks - 1);
  for (auto& t : threads) t.join();
}

}  // namespace fab::defect

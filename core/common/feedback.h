#pragma once
// Progress and cancellation for long work, without Qt: a callback and an
// atomic flag. The ui layer adapts it to queued Qt signals.
#include <atomic>
#include <functional>
#include <string_view>

#include "core/common/error.h"

namespace fab {

struct Feedback {
  /// Called with a fraction in [0, 1] and a short stage description.
  std::function<void(double fraction, std::string_view stage)> onProgress;
  /// Set to true (from any thread) to ask the work to stop.
  const std::atomic<bool>* cancelFlag = nullptr;

  bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
  void report(double fraction, std::string_view stage = {}) const {
    if (onProgress) onProgress(fraction, stage);
  }
  /// Throws Cancelled when cancellation was requested.
  void checkCancelled() const {
    if (cancelled()) throw Cancelled();
  }
};

}  // namespace fab

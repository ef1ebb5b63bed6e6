#pragma once
// Progress and cancellation of an import as it reads a file: reported, and the
// cancel flag looked at, once per megabyte read.
#include <algorithm>
#include <cstdint>

#include "core/common/feedback.h"

namespace fab::io {

class ImportProgress {
 public:
  ImportProgress(const Feedback& feedback, std::uint64_t fileSize) : feedback_(feedback), fileSize_(fileSize) {}

  /// Reports the fraction read when another megabyte was read since the last
  /// report; true when the user asked to cancel.
  bool cancelled(std::uint64_t bytesRead) {
    if (bytesRead < nextReport_) return false;
    if (feedback_.cancelled()) return true;
    feedback_.report(static_cast<double>(bytesRead) / static_cast<double>(std::max<std::uint64_t>(fileSize_, 1)),
                     "importing");
    nextReport_ = bytesRead + (1 << 20);
    return false;
  }

 private:
  const Feedback& feedback_;
  std::uint64_t fileSize_;
  std::uint64_t nextReport_ = 0;
};

}  // namespace fab::io

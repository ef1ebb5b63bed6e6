#pragma once
// A fixed-capacity queue between two threads: push waits while it is full,
// pop while it is empty, so a fast producer cannot run ahead of a slow
// consumer by more than `capacity` items (memory stays flat). Either side may
// close it to stop the other; nothing in it allocates after construction.
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace fab::io {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : slots_(capacity) {}

  /// Waits for room and appends `item`; false (and `item` dropped) once closed.
  bool push(T&& item) {
    std::unique_lock lock(mutex_);
    notFull_.wait(lock, [&] { return closed_ || count_ < slots_.size(); });
    if (closed_) return false;
    slots_[(head_ + count_) % slots_.size()] = std::move(item);
    ++count_;
    notEmpty_.notify_one();
    return true;
  }

  /// Waits for an item; nullopt once closed.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    notEmpty_.wait(lock, [&] { return closed_ || count_ > 0; });
    if (closed_) return std::nullopt;
    std::optional<T> item(std::move(slots_[head_]));
    head_ = (head_ + 1) % slots_.size();
    --count_;
    notFull_.notify_one();
    return item;
  }

  /// Wakes both sides; every later push and pop fails.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    notFull_.notify_all();
    notEmpty_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable notEmpty_, notFull_;
  std::vector<T> slots_;
  std::size_t head_ = 0, count_ = 0;
  bool closed_ = false;
};

}  // namespace fab::io

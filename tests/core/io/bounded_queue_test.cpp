#include "core/io/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace fab::io {
namespace {

TEST(BoundedQueue, KeepsOrderAcrossThreadsAndNeverHoldsMoreThanItsCapacity) {
  BoundedQueue<int> queue(3);
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) {
      ASSERT_TRUE(queue.push(int{i}));
      ++pushed;
    }
  });
  std::vector<int> received;
  for (int i = 0; i < 1000; ++i) {
    const auto item = queue.pop();
    ASSERT_TRUE(item);
    // The producer is at most the capacity plus the item it is pushing ahead.
    EXPECT_LE(pushed.load(), i + 1 + 3);
    received.push_back(*item);
  }
  producer.join();
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(received[static_cast<std::size_t>(i)], i);
}

TEST(BoundedQueue, CloseWakesAProducerWaitingOnAFullQueue) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.push(1));
  std::atomic<bool> result{true};
  std::thread producer([&] { result = queue.push(2); });  // waits: the queue is full
  queue.close();
  producer.join();
  EXPECT_FALSE(result);
  EXPECT_FALSE(queue.pop());
}

TEST(BoundedQueue, CloseWakesAConsumerWaitingOnAnEmptyQueue) {
  BoundedQueue<int> queue(2);
  std::thread consumer([&] { EXPECT_FALSE(queue.pop()); });
  queue.close();
  consumer.join();
  EXPECT_FALSE(queue.push(3));
}

}  // namespace
}  // namespace fab::io

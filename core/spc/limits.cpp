#include "core/spc/limits.h"

#include <algorithm>

namespace fab::spc {

const LimitSegment* segmentAt(const std::vector<LimitSegment>& segments, std::size_t i) {
  auto it = std::upper_bound(segments.begin(), segments.end(), i,
                             [](std::size_t p, const LimitSegment& s) { return p < s.last; });
  return it != segments.end() && it->first <= i ? &*it : nullptr;
}

}  // namespace fab::spc

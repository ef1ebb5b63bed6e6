#pragma once
// Which wafer a part was tested on: the WIR open on the PRR's head (STDF V4
// WIR: "one WIR per head … before the first PIR of the wafer"); when no WIR
// names that head, the wafer most recently begun — some tools write HEAD_NUM 0
// in the WIR and 1 in the PRRs. A WRR closes its head's wafer.
#include <map>
#include <optional>

namespace fab::stdf {

template <typename Wafer>
class OpenWafers {
 public:
  void begin(int head, Wafer wafer) {
    byHead_[head] = wafer;
    latest_ = wafer;
  }
  void end(int head) {
    auto it = byHead_.find(head);
    if (it == byHead_.end()) return;
    if (latest_ && *latest_ == it->second) latest_.reset();
    byHead_.erase(it);
  }
  std::optional<Wafer> of(int head) const {
    if (auto it = byHead_.find(head); it != byHead_.end()) return it->second;
    return latest_;
  }

 private:
  std::map<int, Wafer> byHead_;
  std::optional<Wafer> latest_;
};

}  // namespace fab::stdf

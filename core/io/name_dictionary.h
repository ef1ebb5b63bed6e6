#pragma once
// Names (lots, parameters, sites, tools) interned into small local ids in the
// order they are first seen, without a database: the reader thread of an
// import numbers names this way and ships each new name once to the writer,
// which turns it into the workspace's id. The last name is remembered, since
// consecutive rows of an export mostly share their lot, tool and parameter.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fab::io {

class NameDictionary {
 public:
  /// The local id of `name` (0, 1, 2… in order of first sight). A name seen
  /// for the first time is appended to `added`.
  std::uint32_t idOf(std::string_view name, std::vector<std::string>& added) {
    if (hasLast_ && name == lastName_) return lastId_;
    auto it = ids_.find(name);
    if (it == ids_.end()) {
      it = ids_.emplace(std::string(name), static_cast<std::uint32_t>(ids_.size())).first;
      added.emplace_back(name);
    }
    lastName_.assign(name);
    lastId_ = it->second;
    hasLast_ = true;
    return lastId_;
  }
  std::size_t size() const { return ids_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::string lastName_;
  std::uint32_t lastId_ = 0;
  bool hasLast_ = false;
};

}  // namespace fab::io

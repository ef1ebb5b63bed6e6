#pragma once
// A column of names (lot, site, tool, product) for a million rows that use a
// few thousand names: each row holds the 4-byte index of its name, each name
// is kept once. Read like a std::vector<std::string> (s.lot[i], size(),
// range-for), so the analyses read a loaded series as before, at an eighth of
// the memory a string per row takes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fab::store {

class NameColumn {
 public:
  NameColumn() = default;
  /// From the distinct names and each row's index into them.
  NameColumn(std::vector<std::string> names, std::vector<std::uint32_t> rows)
      : names_(std::move(names)), rows_(std::move(rows)) {}

  const std::string& operator[](std::size_t row) const { return names_[rows_[row]]; }
  const std::string& front() const { return (*this)[0]; }
  const std::string& back() const { return (*this)[rows_.size() - 1]; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  void reserve(std::size_t n) { rows_.reserve(n); }

  /// Appends a row naming `name`, kept once however many rows name it.
  void push_back(const std::string& name) {
    if (index_.size() != names_.size()) reindex();
    auto [it, added] = index_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(name);
    rows_.push_back(it->second);
  }

  /// n rows naming `name`.
  void assign(std::size_t n, const std::string& name) {
    names_.assign(1, name);
    rows_.assign(n, 0);
    index_.clear();
  }

  template <class... Args>
  void emplace_back(Args&&... args) {
    push_back(std::string(std::forward<Args>(args)...));
  }

  /// Two rows name the same: one integer compare when they share the entry
  /// (names given with their indexes may repeat a name under another index).
  bool same(std::size_t a, std::size_t b) const {
    return rows_[a] == rows_[b] || names_[rows_[a]] == names_[rows_[b]];
  }
  /// The distinct names, and each row's index into them.
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::uint32_t>& indexes() const { return rows_; }

  operator std::vector<std::string>() const { return {begin(), end()}; }
  friend bool operator==(const NameColumn& a, const std::vector<std::string>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string*;
    using reference = const std::string&;
    const_iterator() = default;
    const_iterator(const NameColumn* c, std::size_t i) : c_(c), i_(i) {}
    reference operator*() const { return (*c_)[i_]; }
    pointer operator->() const { return &(*c_)[i_]; }
    reference operator[](difference_type n) const { return (*c_)[i_ + n]; }
    const_iterator& operator++() { return ++i_, *this; }
    const_iterator operator++(int) { auto t = *this; ++i_; return t; }
    const_iterator& operator--() { return --i_, *this; }
    const_iterator operator--(int) { auto t = *this; --i_; return t; }
    const_iterator& operator+=(difference_type n) { return i_ += n, *this; }
    const_iterator& operator-=(difference_type n) { return i_ -= n, *this; }
    friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
    friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
    friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }

   private:
    const NameColumn* c_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, rows_.size()}; }

 private:
  void reindex() {
    index_.clear();
    for (std::uint32_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], i);
  }

  std::vector<std::string> names_;
  std::vector<std::uint32_t> rows_;
  std::unordered_map<std::string, std::uint32_t> index_;  ///< name → index, built on the first push_back
};

}  // namespace fab::store

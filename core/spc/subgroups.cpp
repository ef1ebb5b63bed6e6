#include "core/spc/subgroups.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/common/error.h"

namespace fab::spc {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

Subgroups subgroupsByKey(std::span<const std::string> keys) {
  return subgroupsByKey(
      keys.size(), [&](std::size_t row) { return keys[row] == keys[row - 1]; },
      [&](std::size_t row) { return keys[row]; });
}

Subgroups subgroupsByKey(std::size_t rows, const std::function<bool(std::size_t)>& sameAsPrevious,
                         const std::function<std::string(std::size_t)>& keyOf) {
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::size_t> groupOf(rows);
  Subgroups out;
  std::vector<std::size_t> sizes;
  for (std::size_t row = 0; row < rows; ++row) {
    if (row > 0 && sameAsPrevious(row)) {
      groupOf[row] = groupOf[row - 1];
    } else {
      auto [it, inserted] = index.emplace(keyOf(row), out.keys.size());
      if (inserted) {
        out.keys.push_back(it->first);
        sizes.push_back(0);
      }
      groupOf[row] = it->second;
    }
    ++sizes[groupOf[row]];
  }
  out.offsets.assign(sizes.size() + 1, 0);
  for (std::size_t g = 0; g < sizes.size(); ++g) out.offsets[g + 1] = out.offsets[g] + sizes[g];
  out.rows.resize(rows);
  std::vector<std::size_t> next(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t row = 0; row < rows; ++row) out.rows[next[groupOf[row]]++] = row;
  return out;
}

Subgroups subgroupsOfSize(std::size_t rowCount, std::size_t size) {
  if (size == 0) throw Error("the subgroup size must be at least 1");
  Subgroups out;
  out.rows.resize(rowCount);
  for (std::size_t row = 0; row < rowCount; ++row) out.rows[row] = row;
  for (std::size_t start = size; start < rowCount; start += size) out.offsets.push_back(start);
  if (rowCount > 0) out.offsets.push_back(rowCount);
  out.keys.assign(out.count(), std::string());
  return out;
}

SubgroupSummary summarize(std::span<const double> values, const Subgroups* groups) {
  SubgroupSummary s;
  if (!groups) {
    s.individuals = true;
    s.mean = values;
    return s;
  }
  const std::size_t m = groups->count();
  s.n.resize(m);
  s.means.resize(m);
  s.range.resize(m);
  s.sd.resize(m);
  s.firstRow.resize(m);
  for (std::size_t g = 0; g < m; ++g) {
    const auto rows = groups->members(g);
    s.firstRow[g] = rows.empty() ? 0 : rows.front();
    // Welford's update: one pass, stable for large means with small spread.
    std::uint32_t n = 0;
    double mean = 0, m2 = 0;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t row : rows) {
      if (row >= values.size()) throw Error("subgroup row index beyond the data");
      const double x = values[row];
      if (std::isnan(x)) continue;
      ++n;
      const double delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    s.n[g] = n;
    s.means[g] = n > 0 ? mean : kNaN;
    s.range[g] = n > 1 ? hi - lo : kNaN;
    s.sd[g] = n > 1 ? std::sqrt(m2 / (n - 1)) : kNaN;
  }
  s.mean = s.means;
  return s;
}

AttributeSummary summarizeAttribute(std::span<const double> counts, std::span<const double> sizes,
                                    const Subgroups* groups) {
  if (counts.size() != sizes.size()) throw Error("attribute data: the counts and sample sizes differ in length");
  AttributeSummary a;
  const std::size_t points = groups ? groups->count() : counts.size();
  a.count.reserve(points);
  a.size.reserve(points);
  a.firstRow.reserve(points);
  auto add = [&](std::span<const std::size_t> rows, std::size_t first) {
    double count = 0, size = 0;
    bool any = false;
    for (std::size_t row : rows) {
      if (std::isnan(counts[row]) || std::isnan(sizes[row])) continue;
      count += counts[row];
      size += sizes[row];
      any = true;
    }
    a.count.push_back(any ? count : kNaN);
    a.size.push_back(any ? size : kNaN);
    a.firstRow.push_back(first);
  };
  if (!groups) {
    for (std::size_t row = 0; row < counts.size(); ++row) add(std::span<const std::size_t>(&row, 1), row);
  } else {
    for (std::size_t g = 0; g < groups->count(); ++g) {
      const auto rows = groups->members(g);
      add(rows, rows.empty() ? 0 : rows.front());
    }
  }
  return a;
}

}  // namespace fab::spc

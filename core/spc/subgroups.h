#pragma once
// Rational subgroups: which input rows form each plotted point, and the
// statistics of each subgroup computed from the values it actually holds.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace fab::spc {

/// Rows of the input grouped into subgroups, in plotting order (compressed:
/// subgroup g holds rows[offsets[g] .. offsets[g+1])).
struct Subgroups {
  std::vector<std::size_t> offsets{0};
  std::vector<std::size_t> rows;
  std::vector<std::string> keys;  ///< one label per subgroup ("" for fixed-size subgroups)

  std::size_t count() const { return offsets.size() - 1; }
  std::span<const std::size_t> members(std::size_t g) const {
    return {rows.data() + offsets[g], offsets[g + 1] - offsets[g]};
  }
};

/// One subgroup per distinct key, in order of the key's first appearance;
/// rows with the same key anywhere in the input join the same subgroup.
Subgroups subgroupsByKey(std::span<const std::string> keys);

/// The same over `rows` rows whose keys are made on demand: `sameAsPrevious(row)`
/// says (cheaply) whether a row's key is the previous row's, and only where it
/// is not is `keyOf(row)` asked for the key's text. Rows in key runs (a wafer's
/// sites next to each other) then cost no text and no look-up.
Subgroups subgroupsByKey(std::size_t rows, const std::function<bool(std::size_t)>& sameAsPrevious,
                         const std::function<std::string(std::size_t)>& keyOf);

/// Consecutive rows in subgroups of `size`; a shorter last subgroup is kept
/// (its own n is used for its limits). Throws fab::Error for size 0.
Subgroups subgroupsOfSize(std::size_t rowCount, std::size_t size);

/// Per-subgroup statistics over the values present (NaN values are skipped),
/// as parallel vectors with one entry per subgroup. For individuals nothing is
/// copied: `mean` views the input values (which must outlive the summary) and
/// n, range, sd and firstRow stay empty. Movable, not copyable (`mean` may view
/// the summary's own `means`).
struct SubgroupSummary {
  std::span<const double> mean;       ///< subgroup means (NaN when n = 0); the values themselves for individuals
  std::vector<double> means;          ///< storage behind `mean` for subgroups
  std::vector<double> n;              ///< values present (a count; double so a result can keep it)
  std::vector<double> range;          ///< max − min; NaN when n < 2
  std::vector<double> sd;             ///< sample SD (n − 1); NaN when n < 2
  std::vector<std::size_t> firstRow;  ///< first input row of the subgroup
  bool individuals = false;           ///< each row its own subgroup

  SubgroupSummary() = default;
  SubgroupSummary(SubgroupSummary&&) = default;
  SubgroupSummary& operator=(SubgroupSummary&&) = default;
  SubgroupSummary(const SubgroupSummary&) = delete;
  SubgroupSummary& operator=(const SubgroupSummary&) = delete;

  std::size_t count() const { return mean.size(); }
  /// Values present in subgroup i.
  double size(std::size_t i) const { return individuals ? (mean[i] == mean[i] ? 1.0 : 0.0) : n[i]; }
  /// First input row of subgroup i.
  std::size_t row(std::size_t i) const { return individuals ? i : firstRow[i]; }
};

/// Summaries of `groups` over `values`; with groups == nullptr each row is its
/// own subgroup (individuals: mean = the value, n = 1 or 0 for NaN).
SubgroupSummary summarize(std::span<const double> values, const Subgroups* groups);

/// Attribute data per plotted point: the count (defectives or defects) and
/// the sample size (units inspected, or area of opportunity for u charts).
struct AttributeSummary {
  std::vector<double> count;
  std::vector<double> size;
  std::vector<std::size_t> firstRow;
  std::size_t points() const { return count.size(); }
};

/// Sums counts and sizes per subgroup (groups == nullptr: one point per row).
/// A row whose count or size is missing leaves the point's statistic NaN
/// unless other rows of the subgroup have values.
AttributeSummary summarizeAttribute(std::span<const double> counts, std::span<const double> sizes,
                                    const Subgroups* groups);

}  // namespace fab::spc

#pragma once
// A 2-D k-d tree over a span of points (nanoflann), with inclusive radius
// queries (distance <= radius, as DBSCAN's eps-neighbourhood is defined).
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <nanoflann.hpp>
#include <span>

#include "core/defect/point.h"

namespace fab::defect {

class PointIndex {
 public:
  /// The points must outlive the index.
  explicit PointIndex(std::span<const Point2> points) : adaptor_{points} {
    tree_ = std::make_unique<Tree>(2, adaptor_, nanoflann::KDTreeSingleIndexAdaptorParams(16));
  }

  PointIndex(const PointIndex&) = delete;
  PointIndex& operator=(const PointIndex&) = delete;

  std::size_t size() const { return adaptor_.points.size(); }

  /// Calls fn(index, squaredDistance) for every point at distance <= radius from q.
  template <typename Fn>
  std::size_t forEachWithin(Point2 q, double radius, Fn&& fn) const {
    Callback<Fn> set{radius * radius, std::nextafter(radius * radius, std::numeric_limits<double>::infinity()), fn};
    if (size() == 0) return 0;
    const double query[2] = {q.x, q.y};
    tree_->findNeighbors(set, query, nanoflann::SearchParams(32, 0, false));
    return set.count;
  }

  std::size_t countWithin(Point2 q, double radius) const {
    return forEachWithin(q, radius, [](std::size_t, double) {});
  }

  /// The nearest point's index and squared distance (index size() when empty).
  std::pair<std::size_t, double> nearest(Point2 q) const {
    std::uint32_t index = 0;
    double d2 = std::numeric_limits<double>::infinity();
    if (size() == 0) return {0, d2};
    nanoflann::KNNResultSet<double, std::uint32_t> set(1);
    set.init(&index, &d2);
    const double query[2] = {q.x, q.y};
    tree_->findNeighbors(set, query, nanoflann::SearchParams());
    return {index, d2};
  }

 private:
  struct Adaptor {
    std::span<const Point2> points;
    std::size_t kdtree_get_point_count() const { return points.size(); }
    double kdtree_get_pt(std::size_t i, std::size_t dim) const { return dim == 0 ? points[i].x : points[i].y; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const {
      return false;
    }
  };
  template <typename Fn>
  struct Callback {
    double radius2, bound;
    Fn& fn;
    std::size_t count = 0;
    std::size_t size() const { return count; }
    bool full() const { return true; }
    bool addPoint(double d2, std::uint32_t i) {
      if (d2 <= radius2) {
        fn(static_cast<std::size_t>(i), d2);
        ++count;
      }
      return true;
    }
    double worstDist() const { return bound; }
  };
  using Tree =
      nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Adaptor>, Adaptor, 2, std::uint32_t>;

  Adaptor adaptor_;
  std::unique_ptr<Tree> tree_;
};

}  // namespace fab::defect

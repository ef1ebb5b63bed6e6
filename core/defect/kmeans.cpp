#include "core/defect/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/defect/parallel.h"

namespace fab::defect {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Sums {
  std::vector<double> x, y;
  std::vector<std::size_t> n;
  explicit Sums(int k) : x(k, 0), y(k, 0), n(k, 0) {}
  void add(const Sums& o) {
    for (std::size_t j = 0; j < x.size(); ++j) {
      x[j] += o.x[j];
      y[j] += o.y[j];
      n[j] += o.n[j];
    }
  }
};

/// Nearest and second-nearest centre of p (squared distances).
inline void nearestTwo(Point2 p, const std::vector<Point2>& c, int& best, double& d1, double& d2) {
  best = 0;
  d1 = d2 = kInf;
  for (int j = 0; j < static_cast<int>(c.size()); ++j) {
    const double d = squaredDistance(p, c[j]);
    if (d < d1) {
      d2 = d1;
      d1 = d;
      best = j;
    } else if (d < d2) {
      d2 = d;
    }
  }
}

struct Run {
  std::vector<Point2> centres;
  int iterations = 0;
  bool converged = false;
  bool stuckEmpty = false;
};

/// Lloyd iterations with Hamerly's upper bound u (to the own centre) and lower
/// bound l (to the second-nearest centre): a point whose u <= max(l, s/2) keeps
/// its centre without any distance computation.
Run lloydHamerly(std::span<const Point2> pts, std::vector<Point2> c, const KMeansOptions& o, double shiftTolerance,
                 int threads, const Feedback& feedback) {
  const std::size_t n = pts.size();
  const int k = static_cast<int>(c.size());
  std::vector<int> a(n);
  std::vector<double> u(n), l(n), s(k), p(k);
  std::vector<Sums> partial(static_cast<std::size_t>(threads), Sums(k));
  std::vector<std::size_t> changes(static_cast<std::size_t>(threads));
  bool full = true;  // first pass (and after a relocation): compute every distance
  Run run;
  for (int iter = 0; iter < o.maxIterations; ++iter) {
    feedback.checkCancelled();
    for (int j = 0; j < k; ++j) {
      double m = kInf;
      for (int q = 0; q < k; ++q)
        if (q != j) m = std::min(m, squaredDistance(c[j], c[q]));
      s[j] = k > 1 ? 0.5 * std::sqrt(m) : kInf;
    }
    parallelChunks(n, threads, [&](std::size_t b, std::size_t e, int t) {
      Sums& sums = partial[t];
      std::fill(sums.x.begin(), sums.x.end(), 0.0);
      std::fill(sums.y.begin(), sums.y.end(), 0.0);
      std::fill(sums.n.begin(), sums.n.end(), std::size_t{0});
      std::size_t changed = 0;
      for (std::size_t i = b; i < e; ++i) {
        const Point2 x = pts[i];
        if (full) {
          int best;
          double d1, d2;
          nearestTwo(x, c, best, d1, d2);
          changed += best != a[i];
          a[i] = best;
          u[i] = std::sqrt(d1);
          l[i] = std::sqrt(d2);
        } else {
          const double m = std::max(s[a[i]], l[i]);
          if (u[i] > m) {
            u[i] = std::sqrt(squaredDistance(x, c[a[i]]));
            if (u[i] > m) {
              int best;
              double d1, d2;
              nearestTwo(x, c, best, d1, d2);
              changed += best != a[i];
              a[i] = best;
              u[i] = std::sqrt(d1);
              l[i] = std::sqrt(d2);
            }
          }
        }
        sums.x[a[i]] += x.x;
        sums.y[a[i]] += x.y;
        ++sums.n[a[i]];
      }
      changes[t] = changed;
    });
    run.iterations = iter + 1;
    std::size_t changed = 0;
    for (auto ch : changes) changed += ch;
    if (!full && changed == 0) {
      run.converged = true;
      break;
    }
    full = false;
    Sums total(k);
    for (const auto& part : partial) total.add(part);
    // New centres; an emptied cluster moves to the point farthest from its own centre.
    double shift2 = 0;
    std::vector<Point2> next = c;
    for (int j = 0; j < k; ++j)
      if (total.n[j]) next[j] = {total.x[j] / total.n[j], total.y[j] / total.n[j]};
    for (int j = 0; j < k; ++j) {
      if (total.n[j]) continue;
      std::size_t far = 0;
      double farD = -1;
      for (std::size_t i = 0; i < n; ++i) {
        const double d = squaredDistance(pts[i], next[a[i]]);
        if (d > farD) {
          farD = d;
          far = i;
        }
      }
      if (farD <= 0) {
        run.stuckEmpty = true;  // fewer distinct positions than clusters
        continue;
      }
      next[j] = pts[far];
      full = true;
    }
    double pMax = 0, pSecond = 0;
    int pArg = 0;
    for (int j = 0; j < k; ++j) {
      const double d2 = squaredDistance(c[j], next[j]);
      shift2 += d2;
      p[j] = std::sqrt(d2);
      if (p[j] > pMax) {
        pSecond = pMax;
        pMax = p[j];
        pArg = j;
      } else if (p[j] > pSecond) {
        pSecond = p[j];
      }
    }
    c = std::move(next);
    if (!full && shift2 <= shiftTolerance) {
      run.converged = true;
      break;
    }
    if (!full)
      parallelChunks(n, threads, [&](std::size_t b, std::size_t e, int) {
        for (std::size_t i = b; i < e; ++i) {
          u[i] += p[a[i]];
          l[i] -= a[i] == pArg ? pSecond : pMax;
        }
      });
  }
  run.centres = std::move(c);
  return run;
}

}  // namespace

void KMeansOptions::validate(std::size_t pointCount) const {
  if (k < 1) throw Error("k-means needs k >= 1, got " + std::to_string(k));
  if (restarts < 1) throw Error("k-means needs at least one restart, got " + std::to_string(restarts));
  if (maxIterations < 1) throw Error("k-means needs at least one iteration, got " + std::to_string(maxIterations));
  if (!(tolerance >= 0)) throw Error("the k-means tolerance must be zero or positive");
  if (threads < 0) throw Error("the thread count must be zero (automatic) or positive");
  if (pointCount < static_cast<std::size_t>(k))
    throw Error("k-means with k = " + std::to_string(k) + " needs at least " + std::to_string(k) + " points, got " +
                std::to_string(pointCount));
}

std::vector<Point2> kMeansPlusPlus(std::span<const Point2> pts, int k, std::mt19937_64& rng, int localTrials,
                                   int threads) {
  const std::size_t n = pts.size();
  if (n == 0 || k < 1) throw Error("k-means++ needs points and k >= 1");
  threads = std::max(threads, 1);
  if (localTrials <= 0) localTrials = 2 + static_cast<int>(std::log(static_cast<double>(k)));
  std::vector<Point2> centres;
  centres.push_back(pts[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)]);
  std::vector<double> d2(n), cumulative(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) cumulative[i] = (total += (d2[i] = squaredDistance(pts[i], centres[0])));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto trials = static_cast<std::size_t>(localTrials);
  std::vector<double> potential(static_cast<std::size_t>(threads) * trials);
  for (int c = 1; c < k; ++c) {
    std::vector<Point2> candidates;
    for (std::size_t t = 0; t < trials; ++t) {
      std::size_t pick;
      if (total <= 0) {
        pick = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
      } else {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), unit(rng) * total);
        pick = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), n - 1);
      }
      candidates.push_back(pts[pick]);
    }
    // One pass scores every candidate: the potential Σ min(d², |x − candidate|²) it would leave.
    parallelChunks(n, threads, [&](std::size_t b, std::size_t e, int th) {
      double* pot = &potential[static_cast<std::size_t>(th) * trials];
      std::fill(pot, pot + trials, 0.0);
      for (std::size_t i = b; i < e; ++i)
        for (std::size_t t = 0; t < trials; ++t) pot[t] += std::min(d2[i], squaredDistance(pts[i], candidates[t]));
    });
    std::size_t best = 0;
    double bestPotential = kInf;
    for (std::size_t t = 0; t < trials; ++t) {
      double sum = 0;
      for (int th = 0; th < threads; ++th) sum += potential[static_cast<std::size_t>(th) * trials + t];
      if (sum < bestPotential) {
        bestPotential = sum;
        best = t;
      }
    }
    centres.push_back(candidates[best]);
    total = 0;
    for (std::size_t i = 0; i < n; ++i)
      cumulative[i] = (total += (d2[i] = std::min(d2[i], squaredDistance(pts[i], candidates[best]))));
  }
  return centres;
}

double inertiaOf(std::span<const Point2> pts, std::span<const Point2> centres) {
  double total = 0;
  for (const Point2& p : pts) {
    double best = kInf;
    for (const Point2& c : centres) best = std::min(best, squaredDistance(p, c));
    total += best;
  }
  return total;
}

KMeansResult kMeans(std::span<const Point2> pts, const KMeansOptions& o, const Feedback& feedback) {
  o.validate(pts.size());
  requireFinite(pts, "k-means");
  const std::size_t n = pts.size();
  const int threads = o.threads ? o.threads : defaultThreads();
  // sklearn-style relative tolerance: tolerance × mean per-axis variance.
  double mx = 0, my = 0;
  for (const auto& p : pts) {
    mx += p.x;
    my += p.y;
  }
  mx /= n;
  my /= n;
  double vx = 0, vy = 0;
  for (const auto& p : pts) {
    vx += (p.x - mx) * (p.x - mx);
    vy += (p.y - my) * (p.y - my);
  }
  const double shiftTolerance = o.tolerance * (vx + vy) / (2.0 * n);

  KMeansResult result;
  double bestInertia = kInf;
  Run best;
  for (int r = 0; r < o.restarts; ++r) {
    feedback.report(static_cast<double>(r) / o.restarts, "k-means");
    std::mt19937_64 rng(o.seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(r));
    Run run = lloydHamerly(pts, kMeansPlusPlus(pts, o.k, rng, 0, threads), o, shiftTolerance, threads, feedback);
    // Exact assignment to the run's centres, with its inertia.
    std::vector<int> labels(n);
    std::vector<double> part(static_cast<std::size_t>(threads), 0.0);
    parallelChunks(n, threads, [&](std::size_t b, std::size_t e, int t) {
      double sum = 0;
      for (std::size_t i = b; i < e; ++i) {
        int j;
        double d1, d2;
        nearestTwo(pts[i], run.centres, j, d1, d2);
        labels[i] = j;
        sum += d1;
      }
      part[t] = sum;
    });
    double inertia = 0;
    for (double v : part) inertia += v;
    result.restartInertia.push_back(inertia);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      best = std::move(run);
      result.labels = std::move(labels);
      result.bestRestart = r;
    }
  }
  result.centroids = best.centres;
  result.sizes.assign(static_cast<std::size_t>(o.k), 0);
  for (int label : result.labels) ++result.sizes[static_cast<std::size_t>(label)];
  result.inertia = bestInertia;
  result.iterations = best.iterations;
  result.converged = best.converged;
  if (!best.converged)
    result.warnings.push_back("k-means stopped after " + std::to_string(o.maxIterations) +
                              " iterations without converging; raise the iteration limit");
  if (best.stuckEmpty)
    result.warnings.push_back("fewer distinct positions than k = " + std::to_string(o.k) + ": some clusters are empty");
  feedback.report(1.0, "k-means");
  return result;
}

}  // namespace fab::defect

// Kalman filter + smoother throughput on a local-level model (target: ≥ 10 million steps/s).
//
//   kalman_bench [STEPS] [REPEATS]      (default 10 000 000 steps, 5 repeats)
//
// Times localLevelFilter + localLevelSmoother (the scalar path) on a simulated series with 1 %
// missing values, then the general Eigen path on a tenth of the steps for comparison. Prints the
// best and median steps/s of the repeats in wall-clock time, and the best in thread CPU time
// (user + system, so page faults count) — the fair figure on a shared, loaded machine.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <random>
#include <vector>

#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "core/kalman/local_level_fast.h"
#include "core/kalman/structural_models.h"

namespace {

using Clock = std::chrono::steady_clock;

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

std::vector<double> simulate(std::size_t n) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> g;
  std::uniform_real_distribution<double> u;
  std::vector<double> y(n);
  double mu = 100;
  for (std::size_t t = 0; t < n; ++t) {
    y[t] = u(rng) < 0.01 ? std::numeric_limits<double>::quiet_NaN() : mu + 2.0 * g(rng);
    mu += 0.3 * g(rng);
  }
  return y;
}

template <typename F>
void report(const char* name, std::size_t steps, int repeats, F&& work) {
  std::vector<double> seconds, cpu;
  double check = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = Clock::now();
    const double c0 = threadCpuSeconds();
    check += work();
    cpu.push_back(threadCpuSeconds() - c0);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu.begin(), cpu.end());
  const double best = seconds.front(), median = seconds[seconds.size() / 2];
  const auto n = static_cast<double>(steps);
  std::printf(
      "%-44s %9zu steps | wall best %6.3f s = %6.1f M steps/s, median %6.1f M steps/s | cpu best %6.3f s = "
      "%6.1f M steps/s  (check %.6g)\n",
      name, steps, best, n / best / 1e6, n / median / 1e6, cpu.front(), n / cpu.front() / 1e6, check / repeats);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t steps = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto y = simulate(steps);
  const fab::kalman::LocalLevelVariances var{4.0, 0.09};

  report("local level, scalar filter + smoother", steps, repeats, [&] {
    const auto f = fab::kalman::localLevelFilter(y, var);
    const auto s = fab::kalman::localLevelSmoother(f, var);
    return s.state(0, static_cast<Eigen::Index>(steps / 2)) + f.logLikelihood * 0;
  });
  report("local level, scalar log-likelihood only", steps, repeats,
         [&] { return fab::kalman::localLevelLogLikelihood(y, var); });

  const std::size_t generalSteps = steps / 10;
  const std::vector<double> yg(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(generalSteps));
  fab::kalman::StructuralModel sm;
  sm.observationVariance = var.observation;
  sm.levelVariance = var.level;
  const auto model = fab::kalman::toStateSpace(sm, static_cast<Eigen::Index>(generalSteps));
  report("local level, general Eigen filter + smoother", generalSteps, std::max(1, repeats / 2), [&] {
    const auto f = fab::kalman::kalmanFilter(model, yg);
    const auto s = fab::kalman::kalmanSmoother(model, f);
    return s.state(0, static_cast<Eigen::Index>(generalSteps / 2));
  });
  return 0;
}

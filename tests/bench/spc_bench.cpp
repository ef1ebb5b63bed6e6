// SPC benchmark: control limits + all eight Nelson rules over 10 million
// points (docs/ARCHITECTURE.md §7 target: under one second). A timed harness: each case runs
// three times and the best wall time is printed.
//   build-core/tests/bench/spc_bench [points]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <random>
#include <vector>

#include "core/spc/control_chart.h"

namespace {

/// Best wall time of three runs; `cpu` gets the process CPU time of that run
/// (on a shared machine the wall time also counts other processes' turns).
double bestSeconds(const std::function<std::size_t()>& run, std::size_t& violations, double& cpu) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    violations = run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (wall < best) {
      best = wall;
      cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    }
  }
  return best;
}

std::size_t countViolations(const fab::spc::ChartResult& r) {
  std::size_t n = 0;
  for (const auto& p : r.panels) n += p.violations.size();
  return n;
}

void report(const char* name, std::size_t points, double seconds, double cpu, std::size_t violations) {
  std::printf("%-46s %10zu points  wall %6.3f s  cpu %6.3f s  %6.1f M points/s  %zu violations\n", name, points,
              seconds, cpu, points / seconds / 1e6, violations);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fab::spc;
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  std::mt19937_64 rng(20240611);
  std::normal_distribution<double> normal(100.0, 2.0);
  std::vector<double> values(n);
  for (auto& v : values) v = normal(rng);

  std::size_t violations = 0;
  double cpu = 0;
  ChartOptions imr;
  imr.type = ChartType::IndividualsMR;
  imr.rules = RuleSelection::nelson();
  double s = bestSeconds([&] { return countViolations(computeVariablesChart(values, nullptr, imr)); }, violations, cpu);
  report("I-MR limits + Nelson 1-8 (both panels)", n, s, cpu, violations);

  ChartOptions xbar;
  xbar.type = ChartType::XbarR;
  const auto groups = subgroupsOfSize(n, 5);
  s = bestSeconds([&] { return countViolations(computeVariablesChart(values, &groups, xbar)); }, violations, cpu);
  report("X-bar/R, n = 5, limits + Nelson 1-8", n, s, cpu, violations);

  ChartOptions ewma;
  ewma.type = ChartType::Ewma;
  s = bestSeconds([&] { return countViolations(computeVariablesChart(values, nullptr, ewma)); }, violations, cpu);
  report("EWMA (exact time-varying limits)", n, s, cpu, violations);

  std::vector<double> counts(n), sizes(n);
  std::uniform_int_distribution<int> size(400, 600);
  for (std::size_t i = 0; i < n; ++i) {
    sizes[i] = size(rng);
    counts[i] = std::binomial_distribution<int>(static_cast<int>(sizes[i]), 0.05)(rng);
  }
  ChartOptions p;
  p.type = ChartType::P;
  s = bestSeconds([&] { return countViolations(computeAttributeChart(counts, sizes, nullptr, p)); }, violations, cpu);
  report("p chart, varying n (per-point limits) + Nelson", n, s, cpu, violations);
  return 0;
}

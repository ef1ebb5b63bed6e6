// Window-method timings: block counting over a lot of large wafers, and the
// maximum-likelihood fit of every model from the block counts.
#include <benchmark/benchmark.h>

#include "core/yield/window_fit.h"
#include "tests/core/yield/simulated_wafers.h"

namespace {

std::vector<fab::yield::SortWafer> lot(int wafers, int side) {
  fab::test::SimulationSpec spec;
  spec.wafers = wafers;
  spec.gridSide = side;
  spec.regionSide = 12;
  spec.y0 = 0.95;
  spec.d0 = 0.2;
  spec.alpha = 2.0;
  return fab::test::simulateWafers(spec);
}

/// 25 wafers of 96 × 96 dies (230 k dies), blocks m = 1, 2, 4, 9.
void BM_CountBlocks(benchmark::State& state) {
  const auto wafers = lot(25, 96);
  const auto shapes = fab::yield::defaultBlockShapes();
  for (auto _ : state) benchmark::DoNotOptimize(fab::yield::countBlocks(wafers, shapes));
  state.SetItemsProcessed(state.iterations() * 25 * 96 * 96);
}
BENCHMARK(BM_CountBlocks)->Unit(benchmark::kMillisecond);

/// Six models (negative binomial with Y0 and α free) from four block sizes.
void BM_FitModels(benchmark::State& state) {
  fab::yield::WindowFitOptions o;
  o.dieArea = 0.5;
  const auto counts = fab::yield::countBlocks(lot(25, 96), o.blocks);
  for (auto _ : state) benchmark::DoNotOptimize(fab::yield::fitBlockYields(counts, o));
}
BENCHMARK(BM_FitModels)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// STDF import throughput (docs/ARCHITECTURE.md §7: ≥ 1 M parametric results/s,
// memory flat). Synthesises a wafer-sort STDF V4 file the way testers write
// them: FAR, MIR, then per wafer a WIR, per die a PIR, one PTR per test (the
// first PTR of a test carries its name, units and limits; later ones end
// after TEST_TXT, as in the Catalyst file a595.stdf) and a PRR with the die's
// coordinates and bins, a WRR, and at the end HBR/SBR/MRR. Then reads it
// (summary only) and imports it into a fresh workspace, printing results/s,
// CPU seconds and the peak memory.
//   stdf_import_bench [DIES=20000] [TESTS=100] [FOLDER=/tmp] [REPEATS=1]
#include <sys/resource.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/stdf/stdf_import.h"
#include "core/stdf/summary.h"

namespace {

double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// Little-endian STDF records into a stream, one buffer reused.
class Writer {
 public:
  explicit Writer(const std::string& path) : out_(path, std::ios::binary) {}
  Writer& u1(unsigned v) {
    body_ += static_cast<char>(v);
    return *this;
  }
  Writer& u2(unsigned v) { return u1(v & 0xff).u1(v >> 8 & 0xff); }
  Writer& u4(std::uint32_t v) { return u2(v & 0xffff).u2(v >> 16); }
  Writer& r4(float v) { return u4(std::bit_cast<std::uint32_t>(v)); }
  Writer& cn(const std::string& s) {
    u1(static_cast<unsigned>(s.size()));
    body_ += s;
    return *this;
  }
  void end(unsigned type, unsigned sub) {
    const auto n = body_.size();
    const char header[4] = {static_cast<char>(n & 0xff), static_cast<char>(n >> 8), static_cast<char>(type),
                            static_cast<char>(sub)};
    out_.write(header, 4);
    out_.write(body_.data(), static_cast<std::streamsize>(n));
    body_.clear();
  }

 private:
  std::ofstream out_;
  std::string body_;
};

/// Writes `dies` dies of `tests` PTRs each, 2000 dies to a wafer; returns the PTR count.
long writeWaferSort(const std::string& path, long dies, int tests) {
  Writer w(path);
  w.u1(2).u1(4).end(0, 10);  // FAR: x86, V4
  w.u4(1780000000).u4(1780000000).u1(1).u1('P').u1(' ').u1(' ').u2(0).u1(' ');
  w.cn("BENCH-LOT").cn("BENCHPART").cn("tester-01").cn("ig-xl").cn("bench_prog").cn("1.0").cn("S1");
  w.end(1, 10);  // MIR
  std::mt19937 rng(11);
  std::normal_distribution<float> noise(0, 1);
  constexpr int kPerWafer = 2000, kRow = 50;
  long results = 0;
  for (long die = 0; die < dies; ++die) {
    const int wafer = static_cast<int>(die / kPerWafer) + 1, index = static_cast<int>(die % kPerWafer);
    if (index == 0) w.u1(1).u1(255).u4(1780000000).cn("BENCH-LOT-" + std::to_string(wafer)).end(2, 10);
    w.u1(1).u1(0).end(5, 10);  // PIR
    bool pass = true;
    for (int t = 0; t < tests; ++t) {
      const float value = 1.0f + 0.01f * static_cast<float>(t) + 0.001f * noise(rng);
      const bool fail = value > 1.0f + 0.01f * static_cast<float>(t) + 0.0035f;
      pass = pass && !fail;
      w.u4(1000 + static_cast<std::uint32_t>(t)).u1(1).u1(0).u1(fail ? 0x80 : 0).u1(0).r4(value);
      w.cn("TEST_" + std::to_string(t));
      if (die == 0) {
        w.cn("")
            .u1(0)
            .u1(0)
            .u1(0)
            .u1(0)
            .r4(0.99f + 0.01f * static_cast<float>(t))
            .r4(1.0035f + 0.01f * static_cast<float>(t));
        w.cn("V");
      }
      w.end(15, 10);
      ++results;
    }
    w.u1(1).u1(0).u1(pass ? 0 : 0x08).u2(static_cast<unsigned>(tests)).u2(pass ? 1 : 3).u2(pass ? 1 : 30);
    w.u2(static_cast<unsigned>(index % kRow))
        .u2(static_cast<unsigned>(index / kRow))
        .u4(150)
        .cn(std::to_string(index + 1));
    w.end(5, 20);  // PRR
    if (index == kPerWafer - 1 || die == dies - 1)
      w.u1(1).u1(255).u4(1780000000).u4(static_cast<std::uint32_t>(index + 1)).end(2, 20);
  }
  w.u1(255).u1(0).u2(1).u4(0).u1('P').cn("PASS").end(1, 40);
  w.u1(255).u1(0).u2(3).u4(0).u1('F').cn("PARAMETRIC").end(1, 40);
  w.u4(1780003600).end(1, 20);  // MRR
  return results;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const long dies = argc > 1 ? std::atol(argv[1]) : 20000;
  const int tests = argc > 2 ? std::atoi(argv[2]) : 100;
  const std::string folder = argc > 3 ? argv[3] : "/tmp";
  const int repeats = std::max(1, argc > 4 ? std::atoi(argv[4]) : 1);
  namespace fs = std::filesystem;
  const std::string stdf = folder + "/fabkit-bench.stdf", db = folder + "/fabkit-bench-stdf.fabdb";
  auto removeWorkspace = [&] {
    for (const auto& p : {db, db + "-wal", db + "-shm"}) fs::remove(p);
  };

  auto t = std::chrono::steady_clock::now();
  const long results = writeWaferSort(stdf, dies, tests);
  std::printf("generated %ld dies × %d tests = %ld PTRs (%.0f MB) in %.2f s\n", dies, tests, results,
              static_cast<double>(fs::file_size(stdf)) / 1e6,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());

  t = std::chrono::steady_clock::now();
  const auto summary = fab::stdf::summarise(stdf);
  const double readSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  std::printf("summary (read only): %lld parts, %zu tests in %.2f s = %.0f results/s\n",
              static_cast<long long>(summary.parts), summary.tests.size(), readSeconds,
              static_cast<double>(results) / readSeconds);

  bool ok = summary.parts == dies;
  const double rssBefore = peakRssMb();
  std::vector<double> rates, cpuRates;  ///< by wall clock, and by CPU time (what an idle core gives)
  for (int i = 0; i < repeats; ++i) {
    removeWorkspace();
    t = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    fab::io::ImportReport report;
    {
      auto ws = fab::store::Workspace::openOrCreate(db);
      fab::io::BatchOptions options;
      options.force = true;
      report = fab::stdf::importStdf(ws, stdf, options);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    rates.push_back(static_cast<double>(results) / seconds);
    ok = ok && report.status == "ok" && report.rowsOk == results + dies;
    const double cpu = cpuSeconds() - cpu0;
    cpuRates.push_back(static_cast<double>(results) / cpu);
    std::printf(
        "import: %lld rows (%ld parametric results + %ld parts) in %.2f s = %.0f parametric results/s; CPU %.2f s = "
        "%.0f results per CPU-second; %s\n",
        static_cast<long long>(report.rowsOk), results, dies, seconds, rates.back(), cpu, cpuRates.back(),
        report.status.c_str());
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpuRates.begin(), cpuRates.end());
  std::printf(
      "median %.0f parametric results/s (%.0f per CPU-second) over %d run(s); peak RSS %.0f MB before the "
      "import, %.0f MB after (file %.0f MB)\n",
      rates[rates.size() / 2], cpuRates[cpuRates.size() / 2], repeats, rssBefore, peakRssMb(),
      static_cast<double>(fs::file_size(stdf)) / 1e6);
  removeWorkspace();
  fs::remove(stdf);
  return ok ? 0 : 1;
}

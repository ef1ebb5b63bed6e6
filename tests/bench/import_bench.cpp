// Import throughput: a long CSV shaped like an MES metrology export (string lot
// ids, scribe-style wafer ids, timestamps with a zone, a few N/A and empty
// values) imported into the real, indexed workspace schema. Prints rows/s, the
// CPU seconds (both threads of the import, and the thread that stores the rows,
// whose CPU time bounds the rate on an idle machine) and the peak memory, then
// the same for the sqlite3 shell's `.import` of the same file when the shell is
// installed. With REPEATS > 1 the file is generated once and each import runs
// REPEATS times into a fresh file; best and median are printed, with the load
// average, since a shared machine makes single timings noisy.
//   import_bench [ROWS=5000000] [FOLDER=/tmp] [REPEATS=1]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/io/field_parse.h"
#include "core/io/importer.h"

namespace {

/// User + system CPU seconds of this process (RUSAGE_SELF, every thread), of
/// the calling thread (RUSAGE_THREAD) or of finished children (RUSAGE_CHILDREN).
double cpuSeconds(int who = RUSAGE_SELF) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

struct Run {
  double seconds, cpu;
  double storingCpu = 0;  ///< CPU of the thread that stores the rows (the import's critical path)
};

/// Best (shortest) and median of the runs, by wall time.
void printSummary(const char* what, std::vector<Run> runs, long rows) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  auto describe = [&](const Run& r) {
    char text[160];
    std::snprintf(text, sizeof text, "%.2f s = %.0f rows/s (CPU %.2f s", r.seconds,
                  static_cast<double>(rows) / r.seconds, r.cpu);
    std::string out = text;
    if (r.storingCpu > 0) {
      std::snprintf(text, sizeof text, ", storing thread %.2f s", r.storingCpu);
      out += text;
    }
    return out + ")";
  };
  std::printf("%s over %zu runs: best %s, median %s\n", what, runs.size(), describe(runs.front()).c_str(),
              describe(runs[runs.size() / 2]).c_str());
}

double peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void writeMesExport(const std::string& path, long rows) {
  std::ofstream out(path, std::ios::binary);
  out << "LOT_ID,WAFER_ID,SITE_ID,PARAMETER,VALUE,UNIT,MEAS_TIME,TOOL_ID,RECIPE\n";
  const char* params[] = {"OX_THK", "NIT_THK", "GATE_CD", "M1_CD",    "VIA_CD",     "OVL_X",
                          "OVL_Y",  "RS_POLY", "RS_M1",   "CMP_STEP", "RESIST_THK", "ETCH_DEPTH"};
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0, 1);
  const std::int64_t t0 = *fab::io::parseTimestamp("2026-03-01T00:00:00Z");
  long written = 0;
  char line[256];
  for (int lot = 0; written < rows; ++lot) {
    for (int wafer = 1; wafer <= 25 && written < rows; ++wafer) {
      for (int p = 0; p < 12 && written < rows; ++p) {
        for (int site = 1; site <= 17 && written < rows; ++site, ++written) {
          const std::int64_t ms = t0 + lot * 3600000LL + wafer * 60000LL + p * 2000LL + site * 100LL;
          std::string t = fab::io::formatTimestamp(ms);
          t.replace(t.size() - 1, 1, "+01:00");
          char value[32];
          const int r = static_cast<int>(rng() % 2000);
          if (r == 0)
            std::snprintf(value, sizeof value, "N/A");
          else if (r == 1)
            value[0] = 0;
          else
            std::snprintf(value, sizeof value, "%.4f", 100 + p * 10 + noise(rng));
          std::snprintf(line, sizeof line, "N%06dA.1,N%06dA-%02d,%d,%s,%s,nm,%s,MET-%02d,RCP_%s\n", lot, lot, wafer,
                        site, params[p], value, t.c_str(), p % 4, params[p]);
          out << line;
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes, also into a file
  const long rows = argc > 1 ? std::atol(argv[1]) : 5000000;
  const std::string folder = argc > 2 ? argv[2] : "/tmp";
  const int repeats = std::max(1, argc > 3 ? std::atoi(argv[3]) : 1);
  const std::string csv = folder + "/fabkit-bench-mes.csv", db = folder + "/fabkit-bench.fabdb";
  namespace fs = std::filesystem;
  auto removeWorkspace = [&] {
    for (const auto& p : {db, db + "-wal", db + "-shm"}) fs::remove(p);
  };
  removeWorkspace();

  auto t = std::chrono::steady_clock::now();
  writeMesExport(csv, rows);
  const double megabytes = static_cast<double>(fs::file_size(csv)) / 1e6;
  std::printf("generated %ld rows (%.0f MB) in %.2f s; load average %s\n", rows, megabytes,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count(), loadAverage().c_str());
  const double rssBefore = peakRssMb();

  bool ok = true;
  std::vector<Run> runs;
  for (int i = 0; i < repeats; ++i) {
    t = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds(), storing0 = cpuSeconds(RUSAGE_THREAD);
    fab::io::ImportReport report;
    {
      auto ws = fab::store::Workspace::openOrCreate(db);
      fab::io::ImportOptions options;
      options.batch.force = true;
      report = fab::io::importFile(ws, csv, options);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    const double cpu = cpuSeconds() - cpu0, storingCpu = cpuSeconds(RUSAGE_THREAD) - storing0;
    runs.push_back({seconds, cpu, storingCpu});
    ok = ok && report.status == "ok" && report.rowsOk == rows;
    std::printf(
        "fabkit import: %lld rows stored (%lld without value) in %.2f s = %.0f rows/s (CPU %.2f s, of which the "
        "storing "
        "thread %.2f s: %.0f rows per CPU-second); status %s; load %s\n",
        static_cast<long long>(report.rowsOk), static_cast<long long>(report.rowsMissing), seconds,
        static_cast<double>(report.rowsOk) / seconds, cpu, storingCpu, static_cast<double>(report.rowsOk) / storingCpu,
        report.status.c_str(), loadAverage().c_str());
    removeWorkspace();
  }
  std::printf("peak RSS: %.0f MB before the import, %.0f MB after (file %.0f MB)\n", rssBefore, peakRssMb(), megabytes);
  if (repeats > 1) printSummary("fabkit import", runs, rows);

  if (std::system("command -v sqlite3 >/dev/null 2>&1") == 0) {
    const std::string peer = folder + "/fabkit-bench-peer.db";
    std::vector<Run> peerRuns;
    for (int i = 0; i < repeats; ++i) {
      fs::remove(peer);
      t = std::chrono::steady_clock::now();
      const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
      const int rc = std::system(("sqlite3 " + peer + " '.import --csv " + csv + " m'").c_str());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
      const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
      peerRuns.push_back({seconds, cpu});
      std::printf(
          "sqlite3 .import --csv (untyped, unindexed table): %.2f s = %.0f rows/s (CPU %.2f s, exit %d); load %s\n",
          seconds, static_cast<double>(rows) / seconds, cpu, rc, loadAverage().c_str());
    }
    fs::remove(peer);
    if (repeats > 1) printSummary("sqlite3 .import", peerRuns, rows);
    auto median = [](std::vector<Run> r, double Run::*field) {
      std::sort(r.begin(), r.end(), [&](const Run& a, const Run& b) { return a.*field < b.*field; });
      return r[r.size() / 2].*field;
    };
    std::printf("fabkit vs sqlite3 .import (medians): %.2fx the speed, %.2fx the CPU time\n",
                median(peerRuns, &Run::seconds) / median(runs, &Run::seconds),
                median(runs, &Run::cpu) / median(peerRuns, &Run::cpu));
  }
  fs::remove(csv);
  return ok ? 0 : 1;
}

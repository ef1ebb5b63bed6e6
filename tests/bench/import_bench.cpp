// Import throughput: a long CSV shaped like an MES metrology export (string lot
// ids, scribe-style wafer ids, timestamps with a zone, a few N/A and empty
// values) imported into the real, indexed workspace schema. Prints rows/s and
// the process's peak memory, and the sqlite3 shell's `.import` of the same
// file when the shell is installed.
//   import_bench [ROWS=5000000] [FOLDER=/tmp]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "core/io/field_parse.h"
#include "core/io/importer.h"

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

void writeMesExport(const std::string& path, long rows) {
  std::ofstream out(path, std::ios::binary);
  out << "LOT_ID,WAFER_ID,SITE_ID,PARAMETER,VALUE,UNIT,MEAS_TIME,TOOL_ID,RECIPE\n";
  const char* params[] = {"OX_THK", "NIT_THK", "GATE_CD", "M1_CD", "VIA_CD", "OVL_X", "OVL_Y", "RS_POLY", "RS_M1", "CMP_STEP", "RESIST_THK", "ETCH_DEPTH"};
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
          if (r == 0) std::snprintf(value, sizeof value, "N/A");
          else if (r == 1) value[0] = 0;
          else std::snprintf(value, sizeof value, "%.4f", 100 + p * 10 + noise(rng));
          std::snprintf(line, sizeof line, "N%06dA.1,N%06dA-%02d,%d,%s,%s,nm,%s,MET-%02d,RCP_%s\n", lot, lot, wafer, site,
                        params[p], value, t.c_str(), p % 4, params[p]);
          out << line;
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 5000000;
  const std::string folder = argc > 2 ? argv[2] : "/tmp";
  const std::string csv = folder + "/fabkit-bench-mes.csv", db = folder + "/fabkit-bench.fabdb";
  namespace fs = std::filesystem;
  for (const auto& p : {db, db + "-wal", db + "-shm"}) fs::remove(p);

  auto t = std::chrono::steady_clock::now();
  writeMesExport(csv, rows);
  std::printf("generated %ld rows (%.0f MB) in %.2f s\n", rows, static_cast<double>(fs::file_size(csv)) / 1e6,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
  const double rssBefore = peakRssMb();

  t = std::chrono::steady_clock::now();
  const double cpu0 = cpuSeconds();
  auto ws = fab::store::Workspace::openOrCreate(db);
  const auto report = fab::io::importFile(ws, csv);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  const double cpu = cpuSeconds() - cpu0;
  std::printf("fabkit import: %lld rows stored (%lld without value) in %.2f s = %.0f rows/s (CPU %.2f s); status %s\n",
              static_cast<long long>(report.rowsOk), static_cast<long long>(report.rowsMissing), seconds,
              static_cast<double>(report.rowsOk) / seconds, cpu, report.status.c_str());
  std::printf("peak RSS: %.0f MB before the import, %.0f MB after (file %.0f MB)\n", rssBefore, peakRssMb(),
              static_cast<double>(fs::file_size(csv)) / 1e6);

  if (std::system("command -v sqlite3 >/dev/null 2>&1") == 0) {
    const std::string peer = folder + "/fabkit-bench-peer.db";
    fs::remove(peer);
    t = std::chrono::steady_clock::now();
    const int rc = std::system(("sqlite3 " + peer + " '.import --csv " + csv + " m'").c_str());
    const double peerSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    std::printf("sqlite3 .import --csv (untyped, unindexed table): %.2f s = %.0f rows/s (exit %d); fabkit is %.2fx\n",
                peerSeconds, static_cast<double>(rows) / peerSeconds, rc, peerSeconds / seconds);
    fs::remove(peer);
  }
  for (const auto& p : {db, db + "-wal", db + "-shm", csv}) fs::remove(p);
  return report.status == "ok" ? 0 : 1;
}

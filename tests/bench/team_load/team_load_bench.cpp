// A team's load on one shared workspace: for a bounded time, importers (8 by
// default) each import their own generated batches while readers (8) read as
// engineers do all day: a parameter's control chart (fabkit-cli spc), the
// parameter list (info) and the start page (overview). Then checks that every
// batch that reported "ok" is in the workspace exactly once, row for row, and
// that none is left running; prints rows/s imported, reads/s and the verdict.
//
//   team_load_bench --workspace postgresql://user@127.0.0.1:PORT/db
//                   [--seconds 60] [--importers 8] [--readers 8] [--batch-rows 1000] [--keep]
//
// The load runs in a fresh schema of that database (dropped afterwards unless
// --keep), on a server on this machine's loopback only: it is a load test, not
// something to aim at a team's server. Exit status 0 when the check passes, 1
// when a row was lost or doubled or a client failed, 2 for bad options.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/control_chart.h"
#include "core/analysis/overview.h"
#include "core/io/importer.h"
#include "core/store/measurements.h"
#include "core/store/postgres_connection.h"
#include "core/store/workspace.h"
#include "tests/support/team_batches.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string url;
  int seconds = 60, importers = 8, readers = 8, batchRows = 1000;
  bool keep = false;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "team_load_bench: %s\nusage: team_load_bench --workspace postgresql://user@127.0.0.1:PORT/db "
               "[--seconds 60] [--importers 8] [--readers 8] [--batch-rows 1000] [--keep]\n",
               problem.c_str());
  std::exit(2);
}

/// The host of a postgresql:// URL ("" for a Unix socket).
std::string hostOf(const std::string& url) {
  auto start = url.find("://") + 3;
  const auto end = url.find_first_of("/?", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (!authority.empty() && authority.front() == '[') return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto number = [&](int low, int high) {
      if (i + 1 >= argc) usage(a + " needs a value");
      const int v = std::atoi(argv[++i]);
      if (v < low || v > high) usage(a + " takes a whole number from " + std::to_string(low) + " to " + std::to_string(high));
      return v;
    };
    if (a == "--workspace" && i + 1 < argc) o.url = argv[++i];
    else if (a == "--seconds") o.seconds = number(1, 3600);
    else if (a == "--importers") o.importers = number(0, 64);
    else if (a == "--readers") o.readers = number(0, 64);
    else if (a == "--batch-rows") o.batchRows = number(5, 1000000);
    else if (a == "--keep") o.keep = true;
    else usage("unknown option '" + a + "'");
  }
  if (!fab::store::isPostgresUrl(o.url)) usage("give the server as --workspace postgresql://…");
  const std::string host = hostOf(o.url);
  if (!(host.empty() || host == "127.0.0.1" || host == "localhost" || host == "::1"))
    usage("the server must be on this machine's loopback (127.0.0.1, localhost or ::1), not '" + host + "'");
  return o;
}

/// The URL with the search path set to `schema` (created here), so the load has a workspace of its own.
std::string inSchema(const std::string& url, const std::string& schema) {
  fab::store::Database db(url, fab::store::Database::Mode::ReadWrite);
  db.exec("CREATE SCHEMA " + schema);  // a name made here, not user text
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

struct Tally {
  std::mutex lock;
  std::vector<fab::test::GeneratedBatch> imported;
  std::vector<std::string> errors;
  std::atomic<long long> reads{0}, spcReads{0}, infoReads{0}, overviewReads{0};
  void error(std::string e) {
    std::lock_guard<std::mutex> hold(lock);
    if (errors.size() < 20) errors.push_back(std::move(e));
  }
};

void importer(const std::string& url, const std::filesystem::path& folder, int client, int batchRows,
              Clock::time_point until, Tally& tally) {
  try {
    auto ws = fab::store::Workspace::open(url);
    const int wafers = 5, sites = std::max(1, batchRows / wafers);
    for (int n = 1; Clock::now() < until; ++n) {
      const auto file = (folder / ("c" + std::to_string(client) + "-" + std::to_string(n) + ".csv")).string();
      auto batch = fab::test::writeGeneratedBatch(file, client, n, wafers, sites);
      const auto report = fab::io::importFile(ws, file, {});
      std::filesystem::remove(file);
      if (report.status != "ok") {
        tally.error("importer " + std::to_string(client) + ": " + report.message);
        continue;
      }
      batch.batchId = report.batchId;
      std::lock_guard<std::mutex> hold(tally.lock);
      tally.imported.push_back(batch);
    }
  } catch (const std::exception& e) {
    tally.error("importer " + std::to_string(client) + ": " + e.what());
  }
}

void reader(const std::string& url, int client, Clock::time_point until, Tally& tally) {
  try {
    fab::store::Database db(url, fab::store::Database::Mode::ReadOnly);
    for (long long n = client; Clock::now() < until; ++n) {
      switch (n % 3) {
        case 0: {  // fabkit-cli spc THK
          fab::analysis::ControlChartRequest request;
          request.parameter = "THK";
          (void)fab::analysis::controlChart(db, request);
          ++tally.spcReads;
          break;
        }
        case 1:  // fabkit-cli info
          (void)fab::store::listParameters(db);
          ++tally.infoReads;
          break;
        default:  // fabkit-cli overview
          (void)fab::analysis::workspaceOverview(db);
          ++tally.overviewReads;
      }
      ++tally.reads;
    }
  } catch (const std::exception& e) {
    tally.error("reader " + std::to_string(client) + ": " + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::string schema = "fabkit_load_" + std::to_string(::getpid());
  const auto folder = std::filesystem::temp_directory_path() / schema;
  std::filesystem::create_directories(folder);
  Tally tally;
  std::string url;
  try {
    url = inSchema(o.url, schema);
    auto ws = fab::store::Workspace::openOrCreate(url);
    // One batch first, so the readers have a parameter to chart from the start.
    const auto seedFile = (folder / "seed.csv").string();
    auto seed = fab::test::writeGeneratedBatch(seedFile, 999, 0, 5, std::max(1, o.batchRows / 5));
    const auto report = fab::io::importFile(ws, seedFile, {});
    if (report.status != "ok") throw std::runtime_error("the first batch: " + report.message);
    seed.batchId = report.batchId;
    tally.imported.push_back(seed);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "team_load_bench: %s\n", e.what());
    return 1;
  }
  std::printf("%d importers (%d rows a batch) and %d readers on %s for %d s\n", o.importers, o.batchRows, o.readers,
              fab::store::withoutPassword(o.url).c_str(), o.seconds);
  std::fflush(stdout);

  const auto start = Clock::now(), until = start + std::chrono::seconds(o.seconds);
  std::vector<std::thread> team;
  for (int c = 0; c < o.importers; ++c)
    team.emplace_back(importer, std::cref(url), std::cref(folder), c, o.batchRows, until, std::ref(tally));
  for (int c = 0; c < o.readers; ++c) team.emplace_back(reader, std::cref(url), c, until, std::ref(tally));
  for (auto& t : team) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<std::string> problems;
  long long rows = 0;
  for (const auto& b : tally.imported) rows += b.rows;
  rows -= tally.imported.front().rows;  // the first batch was imported before the clock started
  try {
    auto ws = fab::store::Workspace::open(url);
    problems = fab::test::checkImportedBatches(ws.db(), tally.imported);
    if (!o.keep) {
      fab::store::Database db(o.url, fab::store::Database::Mode::ReadWrite);
      db.exec("DROP SCHEMA " + schema + " CASCADE");
    }
  } catch (const std::exception& e) {
    problems.push_back(std::string("checking: ") + e.what());
  }
  std::filesystem::remove_all(folder);

  std::printf("imported  %zu batches, %lld rows in %.1f s: %.0f rows/s, %.1f batches/s\n", tally.imported.size() - 1,
              rows, elapsed, rows / elapsed, (tally.imported.size() - 1) / elapsed);
  std::printf("read      %lld reads: %.1f reads/s (spc %lld, info %lld, overview %lld)\n", tally.reads.load(),
              tally.reads.load() / elapsed, tally.spcReads.load(), tally.infoReads.load(), tally.overviewReads.load());
  for (const auto& e : tally.errors) std::printf("error     %s\n", e.c_str());
  for (const auto& p : problems) std::printf("problem   %s\n", p.c_str());
  const bool pass = problems.empty() && tally.errors.empty();
  std::printf("verdict   %s: %s\n", pass ? "PASS" : "FAIL",
              pass ? "every batch that reported ok is there exactly once, row for row; none lost, none doubled"
                   : "see the lines above");
  if (o.keep) std::printf("kept      the workspace in schema %s\n", schema.c_str());
  return pass ? 0 : 1;
}

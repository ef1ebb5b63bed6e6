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
      if (v < low || v > high)
        usage(a + " takes a whole number from " + std::to_string(low) + " to " + std::to_string(high));
      return v;
    };
    if (a == "--workspace" && i + 1 < argc)
      o.url = argv[++i];
    else if (a == "--seconds")
      o.seconds = number(1, 3600);
    else if (a == "--importers")
      o.importers = number(0, 64);
    else if (a == "--readers")
      o.readers = number(0, 64);
    else if (a == "--batch-rows")
      o.batchRows = number(5, 1000000);
    else if (a == "--keep")
      o.keep = true;
    else
      usage("unknown option '" + a + "'");
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
  std::vector<double> readSeconds[3];      ///< each read's time: spc, info, overview
  Clock::time_point importsEnd, readsEnd;  ///< when the last importer, the last reader finished
  void error(std::string e) {
    std::lock_guard<std::mutex> hold(lock);
    if (errors.size() < 20) errors.push_back(std::move(e));
  }
  void finished(Clock::time_point& end) {
    std::lock_guard<std::mutex> hold(lock);
    end = std::max(end, Clock::now());
  }
};

/// The median and the largest of `v` (sorted here), in ms.
std::string medianAndMax(std::vector<double>& v) {
  if (v.empty()) return "none";
  std::sort(v.begin(), v.end());
  char text[64];
  std::snprintf(text, sizeof text, "median %.0f ms, max %.0f ms", 1e3 * v[v.size() / 2], 1e3 * v.back());
  return text;
}

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
  tally.finished(tally.importsEnd);
}

void reader(const std::string& url, int client, Clock::time_point until, Tally& tally) {
  try {
    fab::store::Database db(url, fab::store::Database::Mode::ReadOnly);
    for (int n = client; Clock::now() < until; ++n) {
      const auto begin = Clock::now();
      const int kind = n % 3;
      if (kind == 0) {  // fabkit-cli spc THK
        fab::analysis::ControlChartRequest request;
        request.parameter = "THK";
        (void)fab::analysis::controlChart(db, request);
      } else if (kind == 1) {  // fabkit-cli info
        (void)fab::store::listParameters(db);
      } else {  // fabkit-cli overview
        (void)fab::analysis::workspaceOverview(db);
      }
      const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
      std::lock_guard<std::mutex> hold(tally.lock);
      tally.readSeconds[kind].push_back(seconds);
    }
  } catch (const std::exception& e) {
    tally.error("reader " + std::to_string(client) + ": " + e.what());
  }
  tally.finished(tally.readsEnd);
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
  tally.importsEnd = tally.readsEnd = start;
  for (auto& t : team) t.join();
  // Each side's rate over its own time: from the start until its last client
  // finished (the work under way at the deadline is finished and counted).
  const auto seconds = [&](Clock::time_point end) { return std::chrono::duration<double>(end - start).count(); };
  const double importSeconds = seconds(tally.importsEnd), readSeconds = seconds(tally.readsEnd);

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

  const auto batches = tally.imported.size() - 1;
  std::printf("imported  %zu batches, %lld rows in %.1f s: %.0f rows/s, %.1f batches/s\n", batches, rows, importSeconds,
              rows / importSeconds, batches / importSeconds);
  std::size_t reads = 0;
  for (const auto& kind : tally.readSeconds) reads += kind.size();
  std::printf("read      %zu reads in %.1f s: %.2f reads/s\n", reads, readSeconds, reads / readSeconds);
  const char* names[] = {"spc THK", "info", "overview"};
  for (int k = 0; k < 3; ++k)
    std::printf("          %-9s %4zu reads, %s\n", names[k], tally.readSeconds[k].size(),
                medianAndMax(tally.readSeconds[k]).c_str());
  for (const auto& e : tally.errors) std::printf("error     %s\n", e.c_str());
  for (const auto& p : problems) std::printf("problem   %s\n", p.c_str());
  const bool pass = problems.empty() && tally.errors.empty();
  std::printf("verdict   %s: %s\n", pass ? "PASS" : "FAIL",
              pass ? "every batch that reported ok is there exactly once, row for row; none lost, none doubled"
                   : "see the lines above");
  if (o.keep) std::printf("kept      the workspace in schema %s\n", schema.c_str());
  return pass ? 0 : 1;
}

// The bad-input corpus (tests/corpus/bad, listed in tests/corpus/bad_inputs.tsv):
// each malformed CSV, KLARF, spec or gauge file gets the expected kind of
// error at the expected line, and nothing partial is stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "core/io/klarf_import.h"
#include "core/msa/gauge_csv.h"
#include "core/msa/gauge_store.h"
#include "tests/support/test_workspace.h"

namespace fab::io {
namespace {

struct Case {
  std::string file, kind, importKind;
  int line = 0;
  std::string options, message;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

std::vector<Case> loadCases() {
  std::ifstream in(std::string(FAB_TEST_DIR) + "/corpus/bad_inputs.tsv");
  std::vector<Case> cases;
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty() || text[0] == '#') continue;
    std::stringstream ss(text);
    Case c;
    std::string line;
    std::getline(ss, c.file, '\t');
    std::getline(ss, c.kind, '\t');
    std::getline(ss, c.importKind, '\t');
    std::getline(ss, line, '\t');
    std::getline(ss, c.options, '\t');
    std::getline(ss, c.message);
    c.line = std::stoi(line);
    cases.push_back(c);
  }
  return cases;
}

class BadInputCorpus : public ::testing::TestWithParam<Case> {};

std::int64_t count(store::Workspace& ws, const std::string& sql) {
  auto q = ws.db().prepare(sql);
  q.step();
  return q.integer(0);
}

/// Imports the file the way its kind is imported: CSV kinds through the
/// importer, KLARF through its reader, a gauge study (long layout: part, op,
/// trial, y) read and then saved.
ImportReport importAs(store::Workspace& ws, const std::string& path, const Case& c) {
  if (c.importKind == "klarf") return importKlarf(ws, path);
  if (c.importKind == "gauge") {
    auto study = msa::readGaugeCsv(path, {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"},
                                   msa::GaugeStudyKind::Variables);
    study.name = "corpus";
    msa::saveGaugeStudy(ws.db(), study);
    return {};
  }
  ImportOptions options;
  options.kind = kindFromName(c.importKind);
  if (!options.kind) throw std::invalid_argument("unknown import kind " + c.importKind);
  if (c.options.rfind("delimiter=", 0) == 0) options.delimiter = c.options.back();
  return importFile(ws, path, options);
}

TEST_P(BadInputCorpus, ClearErrorAtTheLineAndNothingStored) {
  const Case& c = GetParam();
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const std::string path = std::string(FAB_TEST_DIR) + "/corpus/bad/" + c.file;

  if (c.kind == "file") {
    try {
      importAs(ws, path, c);
      FAIL() << c.file << " was imported; expected: " << c.message;
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(c.message)) << c.file;
      if (c.line > 0) EXPECT_THAT(e.what(), ::testing::HasSubstr(":" + std::to_string(c.line) + ":")) << c.file;
    }
  } else {
    const auto report = importAs(ws, path, c);
    EXPECT_EQ(report.status, "failed") << c.file;
    ASSERT_FALSE(report.problems.empty()) << c.file;
    EXPECT_EQ(report.problems.front().line, c.line) << c.file;
    EXPECT_THAT(report.problems.front().message, ::testing::HasSubstr(c.message)) << c.file;
    EXPECT_GE(count(ws, "SELECT count(*) FROM import_error WHERE line = " + std::to_string(c.line)), 1) << c.file;
  }
  for (const char* table :
       {"measurement", "die", "defect", "spec", "lot_history", "product", "lot", "gauge_study", "gauge_rating"})
    EXPECT_EQ(count(ws, std::string("SELECT count(*) FROM ") + table), 0) << c.file << ": partial data in " << table;
  EXPECT_EQ(count(ws, "SELECT count(*) FROM import_batch WHERE status = 'ok'"), 0) << c.file;
}

INSTANTIATE_TEST_SUITE_P(Files, BadInputCorpus, ::testing::ValuesIn(loadCases()), [](const auto& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.'));
  return name;
});

TEST(BadInputCorpusList, HasAtLeastThirtyCasesAcrossCsvKlarfSpecAndGauge) {
  const auto cases = loadCases();
  EXPECT_GE(cases.size(), 30u);
  for (const std::string kind : {"measurements", "klarf", "specs", "gauge"})
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.importKind == kind; })) << kind;
}

}  // namespace
}  // namespace fab::io

// The bad-input corpus (tests/corpus/bad, listed in tests/corpus/bad_inputs.tsv):
// each malformed file gets the expected kind of error at the expected line,
// and nothing partial is stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "tests/support/temp_dir.h"

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

TEST_P(BadInputCorpus, ClearErrorAtTheLineAndNothingStored) {
  const Case& c = GetParam();
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(dir.path("w.fabdb"));
  const std::string path = std::string(FAB_TEST_DIR) + "/corpus/bad/" + c.file;
  ImportOptions options;
  options.kind = kindFromName(c.importKind);
  ASSERT_TRUE(options.kind) << c.importKind;
  if (c.options.rfind("delimiter=", 0) == 0) options.delimiter = c.options.back();

  if (c.kind == "file") {
    try {
      importFile(ws, path, options);
      FAIL() << c.file << " was imported; expected: " << c.message;
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(c.message)) << c.file;
      if (c.line > 0) EXPECT_THAT(e.what(), ::testing::HasSubstr(":" + std::to_string(c.line) + ":")) << c.file;
    }
  } else {
    const auto report = importFile(ws, path, options);
    EXPECT_EQ(report.status, "failed") << c.file;
    ASSERT_FALSE(report.problems.empty()) << c.file;
    EXPECT_EQ(report.problems.front().line, c.line) << c.file;
    EXPECT_THAT(report.problems.front().message, ::testing::HasSubstr(c.message)) << c.file;
    EXPECT_GE(count(ws, "SELECT count(*) FROM import_error WHERE line = " + std::to_string(c.line)), 1) << c.file;
  }
  for (const char* table : {"measurement", "die", "defect", "spec", "lot_history", "product", "lot"})
    EXPECT_EQ(count(ws, std::string("SELECT count(*) FROM ") + table), 0) << c.file << ": partial data in " << table;
  EXPECT_EQ(count(ws, "SELECT count(*) FROM import_batch WHERE status = 'ok'"), 0) << c.file;
}

INSTANTIATE_TEST_SUITE_P(Files, BadInputCorpus, ::testing::ValuesIn(loadCases()), [](const auto& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.'));
  return name;
});

TEST(BadInputCorpusList, HasAtLeastThirtyCases) { EXPECT_GE(loadCases().size(), 30u); }

}  // namespace
}  // namespace fab::io

#include "core/io/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <iterator>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::vector<std::string>> readAll(const std::string& path, std::vector<std::int64_t>* lines = nullptr,
                                              CsvOptions options = {}) {
  CsvReader reader(path, options);
  CsvRecord r;
  std::vector<std::vector<std::string>> out;
  while (reader.next(r)) {
    out.emplace_back(r.fields.begin(), r.fields.end());
    if (lines) lines->push_back(r.line);
  }
  return out;
}

std::string errorOf(const std::string& path) {
  try {
    readAll(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(CsvReader, ReadsQuotedFieldsWithSeparatorsQuotesAndNewlines) {
  test::TempDir dir;
  const auto p = dir.write("q.csv", "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,end\n");
  std::vector<std::int64_t> lines;
  const auto rows = readAll(p, &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1], ElementsAre("x,y", "say \"hi\"", "two\nlines"));
  EXPECT_THAT(rows[2], ElementsAre("last", "", "end"));
  EXPECT_THAT(lines, ElementsAre(1, 2, 4));
}

TEST(CsvReader, HandlesCrlfBomAndMissingFinalNewline) {
  test::TempDir dir;
  const auto p = dir.write("crlf.csv", "\xEF\xBB\xBFlot,value\r\nL1,1.5\r\n\"L2\",2.5");
  const auto rows = readAll(p);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0], ElementsAre("lot", "value"));
  EXPECT_THAT(rows[1], ElementsAre("L1", "1.5"));
  EXPECT_THAT(rows[2], ElementsAre("L2", "2.5"));
}

TEST(CsvReader, SniffsSemicolonAndTab) {
  test::TempDir dir;
  EXPECT_EQ(CsvReader(dir.write("s.csv", "lot;value;unit\nL1;1,5;nm\n")).delimiter(), ';');
  EXPECT_EQ(CsvReader(dir.write("t.csv", "lot\tvalue\nL1\t1.5\n")).delimiter(), '\t');
  EXPECT_EQ(CsvReader(dir.write("c.csv", "\"a;b\",value\nx,1\n")).delimiter(), ',');
}

TEST(CsvReader, RefusesEmptyBinaryAndNonUtf8Files) {
  test::TempDir dir;
  EXPECT_THAT(errorOf(dir.write("empty.csv", "")), HasSubstr("empty"));
  EXPECT_THAT(errorOf(dir.write("blank.csv", "\n\r\n")), HasSubstr("no data"));
  EXPECT_THAT(errorOf(dir.write("bin.csv", std::string("ab\0cd\n", 6))), HasSubstr("binary"));
  EXPECT_THAT(errorOf(dir.write("u16.csv", "\xFF\xFEl\0o\0t\0")), HasSubstr("UTF-16"));
  EXPECT_THAT(errorOf(dir.write("latin1.csv", "lot,v\nL1,1\nCaf\xE9,2\n")), HasSubstr(":3:4: invalid UTF-8"));
}

TEST(CsvReader, ReportsUnclosedQuoteAndStrayQuoteWithLineAndColumn) {
  test::TempDir dir;
  EXPECT_THAT(errorOf(dir.write("open.csv", "a,b\n1,\"never closed\n")), HasSubstr(":2:3: quoted field is never closed"));
  EXPECT_THAT(errorOf(dir.write("stray.csv", "a,b\n1,ab\"c\"\n")), HasSubstr(":2:5: quote inside an unquoted field"));
  EXPECT_THAT(errorOf(dir.write("after.csv", "a,b\n\"x\"y,1\n")), HasSubstr(":2:4: unexpected character 'y'"));
}

TEST(CsvReader, RefusesHugeField) {
  test::TempDir dir;
  CsvOptions options;
  options.maxFieldBytes = 100;
  const auto p = dir.write("huge.csv", "a,b\n1," + std::string(500, 'x') + "\n");
  EXPECT_THROW(readAll(p, nullptr, options), Error);
  // Found by the CSV fuzzer: an unquoted field on a line that also holds a
  // quoted one is read by the RFC 4180 state machine, which must check it too.
  const auto mixed = dir.write("mixed.csv", "a,b\n\"1\"," + std::string(500, 'x') + "\n");
  EXPECT_THAT([&] { readAll(mixed, nullptr, options); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("mixed.csv:2:5: field longer than 100 bytes")));
}

TEST(CsvReader, StreamsRecordsAcrossBufferBoundaries) {
  test::TempDir dir;
  std::string content = "id,text\n";
  const int n = 60000;
  for (int i = 0; i < n; ++i) content += std::to_string(i) + ",\"multi\nline " + std::to_string(i) + "\"\n";
  const auto p = dir.write("big.csv", content);
  std::vector<std::int64_t> lines;
  const auto rows = readAll(p, &lines);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(n + 1));
  EXPECT_EQ(rows[n][0], std::to_string(n - 1));
  EXPECT_EQ(rows[n][1], "multi\nline " + std::to_string(n - 1));
  EXPECT_EQ(lines[n], 2 + 2 * (n - 1));
}

TEST(CsvReader, ValidatesUtf8SplitAcrossReads) {
  test::TempDir dir;
  std::string content = "name\n";
  while (content.size() < (1 << 20) + 10) content += "Défaut µm\n";
  const auto p = dir.write("utf8.csv", content);
  EXPECT_NO_THROW(readAll(p));
}

}  // namespace
}  // namespace fab::io

namespace fab::io {
namespace {

std::size_t openDescriptors() {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                                                std::filesystem::directory_iterator{}));
}

// Found by the CSV fuzzer: a file refused while the reader is being built
// (empty, binary, UTF-16) must still be closed.
TEST(CsvReader, RefusedFilesAreClosed) {
  test::TempDir dir;
  const auto empty = dir.write("empty.csv", "");
  const auto binary = dir.write("binary.csv", std::string("a,b\n\0\0\0", 7));
  const std::size_t before = openDescriptors();
  for (int i = 0; i < 50; ++i) {
    EXPECT_THROW(CsvReader{empty}, Error);
    EXPECT_THROW(CsvReader{binary}, Error);
  }
  EXPECT_EQ(openDescriptors(), before);
}

}  // namespace
}  // namespace fab::io

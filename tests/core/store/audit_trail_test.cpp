// The audit trail (data/schema/007_audit.sql, core/store/audit_trail.h): each
// change that matters leaves the entries expected, whose rows before and after
// match the rows read back from their tables; nobody rewrites or deletes an
// entry. Runs on an SQLite file, and on PostgreSQL with FAB_TEST_BACKEND=postgresql.
#include "core/store/audit_trail.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"
#include "core/store/workspace.h"
#include "core/store/workspace_copy.h"
#include "tests/core/store/approved_limits_fixture.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

bool onServer(Database& db) { return db.backend() == Database::Backend::PostgreSQL; }

/// Who the trail should name: the operating-system user on a file, the database user on a server.
std::string expectedUser(Database& db) {
  if (onServer(db)) {
    auto q = db.prepare("SELECT session_user");
    return q.step() ? q.text(0) : "";
  }
  const passwd* pw = getpwuid(geteuid());
  return pw ? pw->pw_name : "";
}

std::int64_t columnsOf(Database& db, const std::string& table) {
  auto q = db.prepare(onServer(db) ? "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                     "current_schema() AND table_name = ? AND column_name <> 'rowid'"
                                   : "SELECT count(*) FROM pragma_table_info(?)");
  q.bind(1, table);
  return q.step() ? q.integer(0) : -1;
}

/// Checks that `row` (an entry's JSON) holds every column of the table's row
/// `id`, value for value, each column read on its own.
void expectRowMatches(Database& db, const std::string& table, std::int64_t id, const std::string& rowJson) {
  const Json row = Json::parse(rowJson);
  EXPECT_EQ(static_cast<std::int64_t>(row.size()), columnsOf(db, table)) << table << ": " << rowJson;
  for (const auto& [column, value] : row.items()) {
    auto q = db.prepare("SELECT \"" + column + "\" FROM " + table + " WHERE id = ?");  // names of the schema
    q.bind(1, id);
    ASSERT_TRUE(q.step()) << table << " " << id;
    if (q.isNull(0)) {
      EXPECT_TRUE(value.is_null()) << table << "." << column << " is NULL, the entry says " << value.dump();
    } else if (q.type(0) == Statement::ValueType::Text) {
      EXPECT_EQ(value, Json(q.text(0))) << table << "." << column;
    } else {
      ASSERT_TRUE(value.is_number()) << table << "." << column << ": " << value.dump();
      EXPECT_DOUBLE_EQ(value.get<double>(), q.real(0)) << table << "." << column;
    }
  }
}

AuditTrail entriesFor(Database& db, const std::string& what) {
  AuditFilter f;
  f.what = what;
  return readAuditTrail(db, f);
}

class AuditTrailTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  Workspace ws = Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  Database& db = ws.db();
};

TEST_F(AuditTrailTest, ApprovingLimitsAndNotingAPointAreRecordedWithTheirRows) {
  const auto start = nowMs();
  ApprovedLimits limits;
  limits.parameter = "THK";
  limits.chartType = "imr";
  limits.center = 100.25;
  limits.sigma = 1.5;
  limits.lcl = 95.75;
  limits.ucl = 104.75;
  limits.approvedBy = "ana";
  limits.reason = "baseline after PM";
  saveApprovedLimits(db, limits);
  PointNote note;
  note.parameter = "THK";
  note.pointKey = "L1/3";
  note.excluded = true;
  note.cause = "probe card change";
  note.who = "ana";
  const auto noteId = addPointNote(db, note);

  const auto approvals = entriesFor(db, "chart_config");
  ASSERT_EQ(approvals.entries.size(), 1u);
  const auto& a = approvals.entries[0];
  EXPECT_EQ(a.action, "insert");
  EXPECT_EQ(a.who, expectedUser(db));
  EXPECT_FALSE(a.before);
  ASSERT_TRUE(a.after);
  const auto id = limitsInForce(db, "THK", "imr")->id;
  EXPECT_EQ(a.key, std::to_string(id));
  expectRowMatches(db, "chart_config", id, *a.after);
  EXPECT_GE(a.at, start - 1);
  EXPECT_LE(a.at, nowMs() + 1);

  const auto notes = entriesFor(db, "point_note");
  ASSERT_EQ(notes.entries.size(), 1u);
  EXPECT_EQ(notes.entries[0].key, std::to_string(noteId));
  expectRowMatches(db, "point_note", noteId, *notes.entries[0].after);
  EXPECT_EQ(Json::parse(*notes.entries[0].after)["excluded"], 1);

  // Newest first, everything together.
  const auto all = readAuditTrail(db, {});
  ASSERT_EQ(all.entries.size(), 2u);
  EXPECT_EQ(all.entries[0].what, "point_note");
  EXPECT_EQ(all.entries[1].what, "chart_config");
}

TEST_F(AuditTrailTest, AnImportIsRecordedByItsBatchAndASpecEditByItsRowBeforeAndAfter) {
  const auto report = io::importFile(ws, dir.write("specs.csv", "parameter,lsl,target,usl,unit\nTHK,90,100,110,nm\n"));
  ASSERT_EQ(report.status, "ok") << report.message;
  io::importFile(ws, dir.write("m.csv",
                               "lot,wafer,site,parameter,value\nL1,1,1,THK,100\nL1,1,2,THK,101\n"
                               "L1,2,1,THK,99\n"));
  // Two batches, each written when it started and when it finished; no entry per measurement.
  const auto batches = entriesFor(db, "import_batch");
  ASSERT_EQ(batches.entries.size(), 4u);
  EXPECT_EQ(batches.entries[3].action, "insert");
  EXPECT_EQ(Json::parse(*batches.entries[3].after)["status"], "running");
  EXPECT_EQ(batches.entries[2].action, "update");
  EXPECT_EQ(Json::parse(*batches.entries[2].after)["status"], "ok");
  const auto lastBatch = std::stoll(batches.entries[0].key);
  EXPECT_EQ(batches.entries[0].action, "update");
  expectRowMatches(db, "import_batch", lastBatch, *batches.entries[0].after);
  EXPECT_EQ(Json::parse(*batches.entries[0].after)["rows_ok"], 3);
  EXPECT_EQ(Json::parse(*batches.entries[0].before)["status"], "running");
  EXPECT_EQ(readAuditTrail(db, {}).entries.size(), 5u);  // the 4 and the spec's row

  auto specId = db.prepare("SELECT id FROM spec WHERE parameter = 'THK'");
  ASSERT_TRUE(specId.step());
  const auto spec = specId.integer(0);
  const auto imported = entriesFor(db, "spec").entries;
  ASSERT_EQ(imported.size(), 1u);
  const std::string asImported = *imported[0].after;
  db.prepare("UPDATE spec SET usl = 108.5 WHERE id = ?").bind(1, spec).run();
  const auto edits = entriesFor(db, "spec").entries;
  ASSERT_EQ(edits.size(), 2u);
  EXPECT_EQ(edits[0].action, "update");
  EXPECT_EQ(*edits[0].before, asImported);
  expectRowMatches(db, "spec", spec, *edits[0].after);
  const auto changed = changedFields(edits[0]);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].field, "usl");
  EXPECT_EQ(Json::parse(changed[0].before), 110.0);
  EXPECT_EQ(Json::parse(changed[0].after), 108.5);

  db.prepare("DELETE FROM spec WHERE id = ?").bind(1, spec).run();
  const auto removed = entriesFor(db, "spec").entries;
  ASSERT_EQ(removed.size(), 3u);
  EXPECT_EQ(removed[0].action, "delete");
  EXPECT_EQ(*removed[0].before, *edits[0].after);
  EXPECT_FALSE(removed[0].after);
}

TEST_F(AuditTrailTest, MovingAKaizenCardRecordsTheMoveAndTheStageItSets) {
  lean::KanbanStore boards(db);
  lean::KaizenStore kaizens(db);
  boards.createBoard("improvement",
                     {{0, "Plan", lean::ColumnRole::Active, 0, false}, {0, "Do", lean::ColumnRole::Active, 0, false}});
  lean::Kaizen k;
  k.title = "Shorter PM";
  k.stage = lean::Stage::Plan;
  k.submitted = 1772323200000;
  kaizens.add(k, "ana", k.submitted);
  lean::KanbanCard card{0, "Shorter PM"};
  card.kaizenId = k.id;
  const auto cardId = boards.addCard("improvement", card, "Plan", "ana", k.submitted);
  const auto before = readAuditTrail(db, {}).entries.size();
  const auto moved = boards.move("improvement", cardId, "Do", "ana", k.submitted + 86400000);

  const auto moves = entriesFor(db, "card_move").entries;
  ASSERT_EQ(moves.size(), 2u);  // the card's creation, then the move
  EXPECT_EQ(moves[0].key, std::to_string(moved.move.id));
  expectRowMatches(db, "card_move", moved.move.id, *moves[0].after);
  const auto stages = entriesFor(db, "kaizen").entries;
  ASSERT_EQ(stages.size(), 2u);  // created, then moved to Do
  EXPECT_EQ(stages[0].action, "update");
  EXPECT_EQ(Json::parse(*stages[0].before)["stage"], "plan");
  EXPECT_EQ(Json::parse(*stages[0].after)["stage"], "do");
  expectRowMatches(db, "kaizen", k.id, *stages[0].after);
  EXPECT_EQ(readAuditTrail(db, {}).entries.size(), before + 2);
}

TEST_F(AuditTrailTest, EntriesCannotBeChangedOrDeleted) {
  db.prepare("UPDATE import_batch SET message = 'x' WHERE id = -1").run();  // no row: no entry
  io::importFile(ws, dir.write("m.csv", "lot,wafer,site,parameter,value\nL1,1,1,THK,100\n"));
  const auto count = readAuditTrail(db, {}).entries.size();
  ASSERT_EQ(count, 2u);
  for (const std::string sql : {"UPDATE audit SET who = 'nobody'", "DELETE FROM audit",
                                "UPDATE audit SET after = NULL WHERE id = (SELECT max(id) FROM audit)"}) {
    try {
      db.exec(sql);
      ADD_FAILURE() << "allowed: " << sql;
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), HasSubstr("append-only")) << sql;
    }
  }
  if (onServer(db)) EXPECT_THROW(db.exec("TRUNCATE audit"), Error);
  const auto after = readAuditTrail(db, {});
  ASSERT_EQ(after.entries.size(), count);
  EXPECT_EQ(after.entries[0].who, expectedUser(db));
}

TEST_F(AuditTrailTest, FiltersByTableUserAndTimeAndLimitsNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    PointNote note;
    note.parameter = "THK";
    note.pointKey = "L" + std::to_string(i);
    note.who = "ana";
    addPointNote(db, note);
  }
  io::importFile(ws, dir.write("m.csv", "lot,wafer,site,parameter,value\nL1,1,1,THK,100\n"));
  const auto all = readAuditTrail(db, {}).entries;
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_TRUE(all[i - 1].at > all[i].at || (all[i - 1].at == all[i].at && all[i - 1].id > all[i].id));

  AuditFilter f;
  f.what = "point_note";
  f.limit = 2;
  const auto two = readAuditTrail(db, f);
  ASSERT_EQ(two.entries.size(), 2u);
  EXPECT_TRUE(two.truncated);
  EXPECT_EQ(two.entries[0].after, all[2].after);  // the newest note: after the import's two entries
  f.limit = 3;
  EXPECT_FALSE(readAuditTrail(db, f).truncated);

  AuditFilter someone;
  someone.who = "somebody else";
  EXPECT_TRUE(readAuditTrail(db, someone).entries.empty());
  someone.who = expectedUser(db);
  EXPECT_EQ(readAuditTrail(db, someone).entries.size(), 5u);
  EXPECT_EQ(auditAuthors(db), std::vector<std::string>{expectedUser(db)});

  AuditFilter window;
  window.from = all[1].at;
  window.to = all[1].at;
  for (const auto& e : readAuditTrail(db, window).entries) EXPECT_EQ(e.at, all[1].at);
  window.from = all[0].at + 1;
  window.to.reset();
  EXPECT_TRUE(readAuditTrail(db, window).entries.empty());

  AuditFilter bad;
  bad.what = "measurement";
  EXPECT_THAT(bad.problem(), HasSubstr("records no table 'measurement'"));
  EXPECT_THROW(readAuditTrail(db, bad), Error);
  bad = {};
  bad.from = 10;
  bad.to = 5;
  EXPECT_THAT(bad.problem(), HasSubstr("after its end"));
}

TEST_F(AuditTrailTest, ACopyKeepsTheTrailAsItIsAndAddsNothing) {
  test::approveThk(db, 1.0, "ana", "first");
  io::importFile(ws, dir.write("m.csv", "lot,wafer,site,parameter,value\nL1,1,1,THK,100\n"));
  const auto source = readAuditTrail(db, {}).entries;
  ASSERT_EQ(source.size(), 3u);

  const auto target = dir.path("copy.fabdb");  // a file: the copy also crosses backends on a server
  const auto report = copyWorkspace(ws.path(), target);
  auto copy = Workspace::open(target);
  const auto copied = readAuditTrail(copy.db(), {}).entries;
  ASSERT_EQ(copied.size(), source.size());
  for (std::size_t i = 0; i < copied.size(); ++i) {
    EXPECT_EQ(copied[i].id, source[i].id);
    EXPECT_EQ(copied[i].at, source[i].at);
    EXPECT_EQ(copied[i].who, source[i].who);
    EXPECT_EQ(copied[i].after, source[i].after);
  }
  // The copy records again afterwards.
  test::approveThk(copy.db(), 2.0, "ana", "second");
  EXPECT_EQ(readAuditTrail(copy.db(), {}).entries.size(), source.size() + 1);
}

}  // namespace
}  // namespace fab::store

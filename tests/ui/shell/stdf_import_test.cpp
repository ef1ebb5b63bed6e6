// STDF tester files in the GUI import: the preview shows the file's summary
// (a595: 336 parts, 263 good, 3 wafers, as its PRRs and WIRs say), the import
// runs off the GUI thread and gives the lot its product layout, and Cancel
// stores nothing.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>

#include "core/store/dies.h"
#include "tests/support/qt_wait.h"
#include "tests/support/temp_dir.h"
#include "ui/import/import_controller.h"
#include "ui/import/stdf_import_dialog.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui {
namespace {

const std::string kA595 = FAB_SOURCE_DIR "/../shared/reference/real/stdf/stdflib/a595.stdf";
const std::string kLot2 = FAB_SOURCE_DIR "/../shared/reference/real/stdf/rust-stdf_galaxy_demo/lot2.stdf.gz";

std::int64_t count(store::Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  return q.step() ? q.integer(0) : -1;
}

TEST(StdfImportDialog, ShowsTheTesterFilesSummaryInsteadOfColumns) {
  StdfImportDialog dialog(QString::fromStdString(kA595));
  ASSERT_TRUE(test::waitUntil([&] { return dialog.summaryDone(); }));
  ASSERT_TRUE(dialog.summary());
  EXPECT_EQ(dialog.summary()->parts, 336);
  EXPECT_EQ(dialog.summary()->good, 263);
  EXPECT_EQ(dialog.summary()->wafers, 3);
  const QString shown = dialog.summaryLabel()->text();
  EXPECT_TRUE(shown.contains("336")) << shown.toStdString();
  EXPECT_TRUE(shown.contains("263 (78.3 %)")) << shown.toStdString();
  EXPECT_TRUE(shown.contains("mcc")) << shown.toStdString();
  EXPECT_TRUE(dialog.importButton()->isEnabled());
  EXPECT_FALSE(dialog.options().batch.force);
  dialog.force()->setChecked(true);
  EXPECT_TRUE(dialog.options().batch.force);
}

TEST(StdfImportDialog, AFileThatIsNotStdfSaysWhy) {
  test::TempDir dir;
  StdfImportDialog dialog(QString::fromStdString(dir.write("x.stdf", "lot,wafer\nL1,1\n")));
  ASSERT_TRUE(test::waitUntil([&] { return dialog.summaryDone(); }));
  EXPECT_FALSE(dialog.summary());
  EXPECT_FALSE(dialog.summaryLabel()->text().isEmpty());
}

class StdfImportControllerTest : public ::testing::Test {
 protected:
  StdfImportControllerTest() : controller(&runner, nullptr) {
    controller.setShowResults(false);
    QObject::connect(&controller, &ImportController::finished,
                     [this](const QString&, const std::optional<io::ImportReport>& r, const QString& e) {
                       report = r;
                       error = e;
                       done = true;
                     });
  }
  test::TempDir dir;
  std::string ws = dir.path("w.fabdb");
  JobRunner runner;
  ImportController controller;
  std::optional<io::ImportReport> report;
  QString error;
  bool done = false;
};

TEST_F(StdfImportControllerTest, ImportsOffTheGuiThreadWithTheProductLayout) {
  store::Workspace::openOrCreate(ws);
  ASSERT_TRUE(controller.startImport(QString::fromStdString(ws), QString::fromStdString(kA595), {}));
  ASSERT_TRUE(test::waitUntil([&] { return done; }));
  ASSERT_TRUE(report) << error.toStdString();
  EXPECT_EQ(report->status, "ok");
  EXPECT_EQ(report->kind, "stdf");
  store::Database db(ws, store::Database::Mode::ReadOnly);
  EXPECT_EQ(count(db, "SELECT count(*) FROM die"), 336);
  EXPECT_EQ(count(db, "SELECT count(*) FROM die WHERE pass = 1"), 263);
  const auto product = store::loadProduct(db, "mcc");
  ASSERT_TRUE(product);
  EXPECT_EQ(product->waferDiameterMm, 150);
}

TEST_F(StdfImportControllerTest, CancelRollsTheImportBack) {
  store::Workspace::openOrCreate(ws);
  ASSERT_TRUE(controller.startImport(QString::fromStdString(ws), QString::fromStdString(kLot2), {}));
  runner.cancel();
  ASSERT_TRUE(test::waitUntil([&] { return done; }));
  ASSERT_TRUE(report) << error.toStdString();
  EXPECT_EQ(report->status, "cancelled");
  store::Database db(ws, store::Database::Mode::ReadOnly);
  EXPECT_EQ(count(db, "SELECT count(*) FROM part"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM product"), 0);
  auto batch = db.prepare("SELECT status FROM import_batch");
  ASSERT_TRUE(batch.step());
  EXPECT_EQ(batch.text(0), "cancelled");
}

}  // namespace
}  // namespace fab::ui

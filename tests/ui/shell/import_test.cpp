#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

#include <sstream>

#include "core/store/table_page.h"
#include "tests/support/qt_wait.h"
#include "tests/ui/shell/workspace_fixture.h"
#include "ui/import/import_controller.h"
#include "ui/import/import_dialog.h"
#include "ui/import/import_result_dialog.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui {
namespace {

int roleOf(const ImportDialog& d, int column) { return d.roleCombo(column)->currentData().toInt(); }
void choose(ImportDialog& d, int column, int role) {
  d.roleCombo(column)->setCurrentIndex(d.roleCombo(column)->findData(role));
}

TEST(ImportDialog, ShowsTheFileWithGuessedKindAndRoles) {
  test::TempDir dir;
  const auto file = dir.write("long.csv", "Lot ID;Wafer;Parameter;Value;Comment\nL1;1;THK;10.5;ok\nL1;2;THK;10.7;\n");
  ImportDialog dialog(QString::fromStdString(file));
  EXPECT_EQ(dialog.kindCombo()->currentText(), "measurements");
  EXPECT_EQ(dialog.preview().delimiter, ';');
  EXPECT_EQ(dialog.previewTable()->columnCount(), 5);
  EXPECT_EQ(dialog.previewTable()->rowCount(), 3);  // the role row and two data rows
  EXPECT_EQ(dialog.previewTable()->item(2, 3)->text(), "10.7");
  EXPECT_EQ(roleOf(dialog, 0), static_cast<int>(io::Role::Lot));
  EXPECT_EQ(roleOf(dialog, 2), static_cast<int>(io::Role::Parameter));
  EXPECT_EQ(roleOf(dialog, 3), static_cast<int>(io::Role::Value));
  EXPECT_EQ(roleOf(dialog, 4), ImportDialog::kNoRole);
  EXPECT_TRUE(dialog.importButton()->isEnabled());
  const auto options = dialog.options();
  EXPECT_EQ(options.kind, io::ImportKind::Measurements);
  EXPECT_TRUE(options.mapping.empty());  // nothing overridden
  EXPECT_FALSE(options.batch.skipBadRows);
  dialog.skipBadRows()->setChecked(true);
  dialog.force()->setChecked(true);
  EXPECT_TRUE(dialog.options().batch.skipBadRows);
  EXPECT_TRUE(dialog.options().batch.force);
}

TEST(ImportDialog, StatesTheDetectedFormatsAndTakesDeclaredOnes) {
  test::TempDir dir;
  const auto european = dir.write("eu.csv", "lot;parameter;value;time\nL1;THK;1000,5;24.12.2026 18:30\n");
  ImportDialog eu(QString::fromStdString(european));
  EXPECT_TRUE(eu.importButton()->isEnabled());
  EXPECT_TRUE(eu.formatStatus()->text().contains("decimal comma (detected)"))
      << eu.formatStatus()->text().toStdString();
  EXPECT_TRUE(eu.formatStatus()->text().contains("day first")) << eu.formatStatus()->text().toStdString();
  EXPECT_FALSE(eu.options().format.decimalMark);  // as detected: the import decides the same way
  eu.numbersCombo()->setCurrentIndex(eu.numbersCombo()->findData(QString(",.")));
  EXPECT_EQ(eu.options().format.decimalMark, ',');
  EXPECT_EQ(eu.options().format.thousands, '.');
  EXPECT_TRUE(eu.formatStatus()->text().contains("thousands . (declared)")) << eu.formatStatus()->text().toStdString();

  // Dates that cannot tell day from month: refused until the order is chosen.
  const auto ambiguous = dir.write("a.csv", "lot,parameter,value,time\nL1,THK,1.5,03/04/2026 08:00\n");
  ImportDialog a(QString::fromStdString(ambiguous));
  EXPECT_FALSE(a.importButton()->isEnabled());
  EXPECT_TRUE(a.formatStatus()->text().contains("could be day/month or month/day"))
      << a.formatStatus()->text().toStdString();
  a.datesCombo()->setCurrentIndex(a.datesCombo()->findData(QString("mdy")));
  EXPECT_TRUE(a.importButton()->isEnabled());
  EXPECT_EQ(a.options().format.dates, io::DateOrder::MonthDayYear);
  EXPECT_TRUE(a.formatStatus()->text().contains("month first")) << a.formatStatus()->text().toStdString();
}

TEST(ImportDialog, ChangingRolesIsCheckedAndPassedAsOverrides) {
  test::TempDir dir;
  const auto file = dir.write("long.csv", "lot,wafer,parameter,value,reading\nL1,1,THK,10.5,3\n");
  ImportDialog dialog(QString::fromStdString(file));
  // Unmapping the value leaves a parameter column without values: refused with the core's message.
  choose(dialog, 3, ImportDialog::kNoRole);
  EXPECT_FALSE(dialog.importButton()->isEnabled());
  EXPECT_TRUE(dialog.mappingStatus()->text().contains("no value column"))
      << dialog.mappingStatus()->text().toStdString();
  // Taking the values from the other column instead.
  choose(dialog, 4, static_cast<int>(io::Role::Value));
  EXPECT_TRUE(dialog.importButton()->isEnabled()) << dialog.mappingStatus()->text().toStdString();
  const auto mapping = dialog.options().mapping;
  EXPECT_EQ(mapping.at("value"), "reading");
  EXPECT_EQ(roleOf(dialog, 4), static_cast<int>(io::Role::Value));
  EXPECT_EQ(roleOf(dialog, 3), ImportDialog::kNoRole);
}

TEST(ImportDialog, WideFilesShowTheirParameterColumnsAndKindsCanChange) {
  test::TempDir dir;
  const auto file = dir.write("wide.csv", "lot,wafer,THK [nm],CD\nL1,1,10.5,45\n");
  ImportDialog dialog(QString::fromStdString(file));
  EXPECT_EQ(roleOf(dialog, 2), ImportDialog::kWideParameter);
  EXPECT_EQ(roleOf(dialog, 3), ImportDialog::kWideParameter);
  EXPECT_TRUE(dialog.mappingStatus()->text().contains("2 parameter columns"));
  // As die data the file lacks die_x, die_y and bin: the import is refused until they are named.
  dialog.kindCombo()->setCurrentIndex(dialog.kindCombo()->findText("dies"));
  EXPECT_FALSE(dialog.importButton()->isEnabled());
  EXPECT_TRUE(dialog.mappingStatus()->text().contains("die_x")) << dialog.mappingStatus()->text().toStdString();
  EXPECT_EQ(dialog.options().kind, io::ImportKind::Dies);
}

TEST(ImportDialog, DiesFilesTakeTheSortMapsNumbering) {
  test::TempDir dir;
  const auto file = dir.write("sort.csv", "lot,wafer,die_x,die_y,bin\nL1,1,5,5,1\n");
  ImportDialog dialog(QString::fromStdString(file));
  ASSERT_EQ(dialog.options().kind, io::ImportKind::Dies);
  EXPECT_TRUE(dialog.numberingBox()->isVisibleTo(&dialog));
  EXPECT_TRUE(dialog.options().dieNumbering.isProducts());  // by default: the product's own numbering
  dialog.mapNotch()->setCurrentIndex(dialog.mapNotch()->findData(QString("left")));
  dialog.mapRows()->setCurrentIndex(dialog.mapRows()->findData(QString("down")));
  dialog.referenceDie()->setText(" 5, -3 ");
  EXPECT_TRUE(dialog.importButton()->isEnabled());
  const auto n = dialog.options().dieNumbering;
  EXPECT_EQ(n.notch, fab::wafer::Notch::Left);
  EXPECT_EQ(n.yUp, false);
  EXPECT_EQ(n.originDieAt, (fab::wafer::DieIndex{5, -3}));
  // A reference die that is not X,Y is refused with a message.
  dialog.referenceDie()->setText("5");
  EXPECT_FALSE(dialog.importButton()->isEnabled());
  EXPECT_TRUE(dialog.mappingStatus()->text().contains("X,Y")) << dialog.mappingStatus()->text().toStdString();
  dialog.referenceDie()->clear();
  EXPECT_TRUE(dialog.importButton()->isEnabled());
  // Other kinds neither show nor pass the numbering.
  dialog.kindCombo()->setCurrentIndex(dialog.kindCombo()->findText("defects"));
  EXPECT_FALSE(dialog.numberingBox()->isVisibleTo(&dialog));
  EXPECT_TRUE(dialog.options().dieNumbering.isProducts());
}

TEST(ImportResultDialog, ListsEachProblemAsFileLineColumn) {
  io::ImportReport report;
  report.status = "failed";
  report.kind = "measurements";
  report.batchId = 4;
  report.rowsRejected = 1;
  report.problems.push_back({3, 4, "value", "expected a number, found 'abc'", "L1,1,THK,abc"});
  report.numberFormat = "decimal comma (detected)";
  report.dateFormat = "ISO 8601 yyyy-mm-dd hh:mm:ss (default)";
  ImportResultDialog dialog("/data/x.csv", report);
  EXPECT_TRUE(dialog.summaryText().contains("Numbers: decimal comma (detected) · dates: ISO 8601"))
      << dialog.summaryText().toStdString();
  EXPECT_TRUE(dialog.problemsText().startsWith("/data/x.csv:3:4: column 'value': expected a number, found 'abc'"))
      << dialog.problemsText().toStdString();
  EXPECT_TRUE(dialog.summaryText().contains("failed"));
  ImportResultDialog error("/data/x.csv", QString("already imported as batch 2"));
  EXPECT_EQ(error.problemsText(), "already imported as batch 2");
}

class ImportControllerTest : public ::testing::Test {
 protected:
  ImportControllerTest() : controller(&runner, nullptr) {
    controller.setShowResults(false);
    QObject::connect(&controller, &ImportController::finished,
                     [this](const QString&, const std::optional<io::ImportReport>& r, const QString& e) {
                       report = r;
                       error = e;
                       done = true;
                     });
  }
  bool run(const std::string& file, const io::ImportOptions& options = {}) {
    done = false;
    if (!controller.startImport(QString::fromStdString(ws), QString::fromStdString(file), options)) return false;
    return test::waitUntil([&] { return done; });
  }
  test::TempDir dir;
  std::string ws = test::makeFixtureWorkspace(dir, {"A"});
  JobRunner runner;
  ImportController controller;
  std::optional<io::ImportReport> report;
  QString error;
  bool done = false;
};

TEST_F(ImportControllerTest, ImportsOffTheGuiThreadAndReportsBadRows) {
  io::ImportOptions options;
  options.batch.skipBadRows = true;
  ASSERT_TRUE(run(dir.write("b.csv", "lot,parameter,value\nL1,B,1.5\nL1,B,oops\nL2,B,2\n"), options));
  ASSERT_TRUE(report) << error.toStdString();
  EXPECT_EQ(report->status, "ok");
  EXPECT_EQ(report->rowsOk, 2);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].line, 3);
  store::Database db(ws, store::Database::Mode::ReadOnly);
  store::MeasurementQuery q;
  q.parameter = "B";
  EXPECT_EQ(store::countMeasurements(db, q), 2);
}

TEST_F(ImportControllerTest, FileProblemsArriveAsAMessageNotAnException) {
  ASSERT_TRUE(run(dir.path("fixture.csv")));  // imported already by the fixture
  EXPECT_FALSE(report);
  EXPECT_TRUE(error.contains("already imported")) << error.toStdString();
  ASSERT_TRUE(run(dir.path("missing.csv")));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(ImportControllerTest, CancelRollsTheImportBack) {
  std::ostringstream csv;
  csv << "lot,wafer,site,parameter,value\n";
  for (int i = 0; i < 200000; ++i) csv << "LOT" << i % 50 << ',' << i % 25 << ',' << i << ",BIG," << i * 0.5 << '\n';
  const auto file = dir.write("big.csv", csv.str());
  done = false;
  ASSERT_TRUE(controller.startImport(QString::fromStdString(ws), QString::fromStdString(file), {}));
  EXPECT_FALSE(controller.startImport(QString::fromStdString(ws), QString::fromStdString(file), {}));  // one at a time
  runner.cancel();
  ASSERT_TRUE(test::waitUntil([&] { return done; }));
  ASSERT_TRUE(report) << error.toStdString();
  EXPECT_EQ(report->status, "cancelled");
  store::Database db(ws, store::Database::Mode::ReadOnly);
  store::MeasurementQuery q;
  q.parameter = "BIG";
  EXPECT_EQ(store::countMeasurements(db, q), 0);
  EXPECT_EQ(store::listImportBatches(db).front().status, "cancelled");
}

}  // namespace
}  // namespace fab::ui

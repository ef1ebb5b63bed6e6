#include "ui/views/classifier/classifier_view.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>

#include <filesystem>
#include <numeric>

#include "core/demo/demo_workspace.h"
#include "core/store/database.h"
#include "core/store/dies.h"
#include "tests/support/qt_wait.h"
#include "tests/ui/classifier/planted_workspace.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/confusion_matrix_painter.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"

namespace fab::ui::classifier {
namespace {

using test::waitUntil;

/// A small plan: tiny networks on a 16-cell grid, one thread, a few epochs.
models::DistillationPlan tinyPlan(int teacherEpochs = 2, int studentEpochs = 2) {
  models::DistillationPlan plan;
  plan.trainMaps = 90;
  plan.evalMaps = 45;
  plan.gridSize = 16;
  plan.teacher = models::Architecture::tinyTeacher();
  plan.student = models::Architecture::tinyStudent();
  plan.teacherEpochs = teacherEpochs;
  plan.studentEpochs = studentEpochs;
  plan.training.batchSize = 15;
  plan.training.threads = 1;
  plan.device = models::DeviceChoice::Cpu;
  plan.latencyIterations = 5;
  return plan;
}

/// The string arguments a signal was emitted with, in order.
template <class Signal>
std::shared_ptr<QStringList> record(ClassifierView* view, Signal signal) {
  auto list = std::make_shared<QStringList>();
  QObject::connect(view, signal, view, [list](const QString& s) { list->push_back(s); });
  return list;
}

/// Saves the view as a PNG when FAB_SCREENSHOT_DIR names a folder (for looking at it).
void screenshot(QWidget& view, const char* name) {
  const QString dir = qEnvironmentVariable("FAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QCoreApplication::processEvents();
  view.grab().save(dir + "/" + name + ".png");
}

class ClassifierViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view_ = std::make_unique<ClassifierView>(QString::fromStdString(ws_.path()));
    view_->resize(1400, 860);
    view_->show();
    // The shipped model loads in the background.
    ASSERT_TRUE(waitUntil([&] { return !view_->busy(); }, 60000));
    ASSERT_NE(view_->model(), nullptr) << view_->statusLabel()->text().toStdString();
  }
  test::PlantedWorkspace ws_;
  std::unique_ptr<ClassifierView> view_;
};

TEST_F(ClassifierViewTest, LoadsTheShippedModelAndShowsItsRecordedEvaluation) {
  EXPECT_EQ(view_->model()->card().role, "student");
  // The shipped student is the student architecture this build describes.
  EXPECT_EQ(view_->model()->parameterCount(),
            models::WaferClassifier::create(models::Architecture::student(), 1, "x", models::DeviceChoice::Cpu)
                .parameterCount());
  EXPECT_EQ(view_->comparisonTable()->rowCount(), 1);
  // Its real-map confusion matrix from model.json first: cross-validation scores every
  // one of the 1,243 labelled WM-811K maps once (shared/reference/real/README.md).
  auto* painter = dynamic_cast<chart::ConfusionMatrixPainter*>(view_->confusionWidget()->chart());
  ASSERT_NE(painter, nullptr);
  int total = 0;
  for (const auto& row : painter->model().counts) total = std::accumulate(row.begin(), row.end(), total);
  EXPECT_EQ(total, 1243);
  EXPECT_EQ(painter->model().classes.size(), ml::kPatternCount);
  // Then the synthetic held-out set, labelled as such: 1,800 maps (models/README.md).
  ASSERT_GE(view_->confusionChoice()->count(), 2);
  EXPECT_NE(view_->confusionChoice()->itemText(1).indexOf("synthetic"), -1);
  // CUDA is offered only where libtorch sees a device.
  auto* devices = qobject_cast<QStandardItemModel*>(view_->deviceBox()->model());
  ASSERT_NE(devices, nullptr);
  EXPECT_EQ(devices->item(1)->text(), "cuda");
  EXPECT_EQ(devices->item(1)->isEnabled(), models::cudaAvailable());
  screenshot(*view_, "classifier-loaded");
}

TEST_F(ClassifierViewTest, TrainsATinyConfigurationOffTheGuiThread) {
  auto finished = record(view_.get(), &ClassifierView::trainingFinished);
  auto epochCount = std::make_shared<int>(0);
  QObject::connect(view_.get(), &ClassifierView::epochReported, view_.get(),
                   [epochCount](const models::EpochReport&) { ++*epochCount; });
  const auto plan = tinyPlan(2, 3);
  QElapsedTimer timer;
  timer.start();
  ASSERT_TRUE(view_->startTraining(plan));
  EXPECT_LT(timer.elapsed(), 500);  // returns at once: the work runs on a pool thread
  EXPECT_TRUE(view_->busy());
  EXPECT_FALSE(view_->startTraining(plan));  // one job at a time
  ASSERT_TRUE(waitUntil([&] { return finished->size() == 1; }, 180000));
  EXPECT_EQ(finished->front(), QString()) << finished->front().toStdString();
  // Epochs arrived one by one on the GUI thread while the job ran: teacher 2, student 3, student alone 3.
  EXPECT_EQ(*epochCount, 8);
  ASSERT_EQ(view_->epochs().size(), 8u);
  EXPECT_EQ(view_->epochs().front().stage, "teacher");
  EXPECT_EQ(view_->epochs().back().stage, "student-baseline");
  ASSERT_NE(view_->outcome(), nullptr);
  ASSERT_EQ(view_->outcome()->models.size(), 3u);

  // Loss and accuracy curves: one series per training, one point per epoch.
  auto* loss = dynamic_cast<chart::SeriesChartPainter*>(view_->lossWidget()->chart());
  ASSERT_NE(loss, nullptr);
  ASSERT_EQ(loss->model().series.size(), 3u);
  EXPECT_EQ(loss->model().series[0].points.size(), 2u);
  EXPECT_EQ(loss->model().series[1].points.size(), 3u);
  EXPECT_EQ(loss->model().series[2].points.size(), 3u);
  EXPECT_DOUBLE_EQ(loss->model().series[1].points[2].y, view_->epochs()[4].loss);

  // The confusion matrix of an evaluation set counts every map of it once.
  for (int i = 0; i < view_->confusionChoice()->count(); ++i) {
    view_->confusionChoice()->setCurrentIndex(i);
    auto* painter = dynamic_cast<chart::ConfusionMatrixPainter*>(view_->confusionWidget()->chart());
    ASSERT_NE(painter, nullptr);
    int total = 0;
    for (const auto& row : painter->model().counts) total = std::accumulate(row.begin(), row.end(), total);
    EXPECT_EQ(total, static_cast<int>(plan.evalMaps)) << view_->confusionChoice()->itemText(i).toStdString();
  }
  EXPECT_EQ(view_->confusionChoice()->count(), 6);

  // Size and latency side by side: teacher, distilled student, student alone.
  ASSERT_EQ(view_->comparisonTable()->rowCount(), 3);
  EXPECT_EQ(view_->comparisonTable()->item(0, 1)->text(),
            QLocale().toString(static_cast<qlonglong>(view_->outcome()->models[0].model.parameterCount())));
  EXPECT_EQ(view_->comparisonTable()->item(1, 1)->text(), view_->comparisonTable()->item(2, 1)->text());
  EXPECT_NE(view_->comparisonTable()->item(1, 5)->text(), "—");  // CPU ms per map measured

  // The distilled student classifies from now on; saving writes the three models.
  EXPECT_EQ(view_->model(), &view_->outcome()->models[1].model);
  screenshot(*view_, "classifier-trained");
  test::TempDir out;
  EXPECT_EQ(view_->saveTrained(QString::fromStdString(out.path("run"))), QString());
  for (const char* role : {"teacher", "student", "student-baseline"})
    EXPECT_TRUE(std::filesystem::exists(out.path(std::string("run/") + role + "/model.json"))) << role;
  auto loaded = record(view_.get(), &ClassifierView::modelLoaded);
  ASSERT_TRUE(view_->loadModel(QString::fromStdString(out.path("run"))));
  ASSERT_TRUE(waitUntil([&] { return loaded->size() == 1; }, 30000));
  EXPECT_EQ(loaded->front(), QString());
  EXPECT_EQ(view_->model()->card().role, "student");
  EXPECT_EQ(view_->model()->gridSize(), 16);
  EXPECT_EQ(view_->comparisonTable()->rowCount(), 4);  // the run's three and the loaded one
}

TEST_F(ClassifierViewTest, CancelStopsARun) {
  auto finished = record(view_.get(), &ClassifierView::trainingFinished);
  auto epochCount = std::make_shared<int>(0);
  QObject::connect(view_.get(), &ClassifierView::epochReported, view_.get(),
                   [epochCount](const models::EpochReport&) { ++*epochCount; });
  auto plan = tinyPlan(200, 200);
  plan.trainMaps = 900;
  ASSERT_TRUE(view_->startTraining(plan));
  ASSERT_TRUE(waitUntil([&] { return *epochCount >= 1; }, 60000));
  QElapsedTimer timer;
  timer.start();
  view_->cancel();
  ASSERT_TRUE(waitUntil([&] { return finished->size() == 1; }, 30000));
  EXPECT_LT(timer.elapsed(), 10000);
  EXPECT_EQ(finished->front(), "cancelled");
  EXPECT_FALSE(view_->busy());
  EXPECT_EQ(view_->outcome(), nullptr);
  EXPECT_LT(view_->epochs().size(), 20u);             // stopped long before 200 teacher epochs
  EXPECT_EQ(view_->model()->card().role, "student");  // the loaded model stays
}

TEST_F(ClassifierViewTest, ClassifyTableHasOneSortableRowPerWafer) {
  auto done = record(view_.get(), &ClassifierView::classificationFinished);
  ASSERT_TRUE(view_->classifyLot(QString()));
  ASSERT_TRUE(waitUntil([&] { return done->size() == 1; }, 60000));
  EXPECT_EQ(done->front(), QString());
  auto* table = view_->predictionTable();
  ASSERT_EQ(table->rowCount(), static_cast<int>(ws_.wafers().size()));
  ASSERT_EQ(table->columnCount(), 5 + ml::kPatternCount);
  auto value = [&](int row, int column) { return table->index(row, column).data(Qt::UserRole); };
  for (int r = 0; r < table->rowCount(); ++r) {
    double sum = 0, best = -1;
    int bestColumn = -1;
    for (int c = 5; c < 5 + ml::kPatternCount; ++c) {
      sum += value(r, c).toDouble();
      if (value(r, c).toDouble() > best) best = value(r, c).toDouble(), bestColumn = c;
    }
    EXPECT_NEAR(sum, 1.0, 1e-5) << "row " << r;
    EXPECT_DOUBLE_EQ(value(r, 4).toDouble(), best);
    EXPECT_EQ(value(r, 3).toString(), table->headerData(bestColumn, Qt::Horizontal).toString());
  }
  EXPECT_EQ(value(0, 0).toString(), "P1");
  EXPECT_EQ(value(0, 1).toInt(), 1);

  // Sorting by confidence orders the rows by the number, not its text.
  table->sort(4, Qt::DescendingOrder);
  for (int r = 1; r < table->rowCount(); ++r) EXPECT_GE(value(r - 1, 4).toDouble(), value(r, 4).toDouble());

  // Selecting a row draws that wafer's dies and lists its probabilities, most probable first.
  view_->selectPrediction(3);
  const int slot = value(3, 1).toInt();
  const auto lot = value(3, 0).toString().toStdString();
  const auto it = std::find_if(ws_.wafers().begin(), ws_.wafers().end(),
                               [&](const auto& w) { return w.lot == lot && w.slot == slot; });
  ASSERT_NE(it, ws_.wafers().end());
  auto* map = dynamic_cast<chart::WaferMapPainter*>(view_->waferWidget()->chart());
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->model().dies.size(), it->map.map.dies.size());
  EXPECT_EQ(view_->probabilityTable()->item(0, 0)->text(), value(3, 3).toString());
  view_->tabs()->setCurrentIndex(1);
  screenshot(*view_, "classifier-classify");

  auto again = record(view_.get(), &ClassifierView::classificationFinished);
  ASSERT_TRUE(view_->classifyLot("P2"));
  ASSERT_TRUE(waitUntil([&] { return again->size() == 1; }, 60000));
  EXPECT_EQ(table->rowCount(), 3);
}

}  // namespace
}  // namespace fab::ui::classifier

namespace fab::ui::classifier {
namespace {

// The form's default plan (full-size networks) end to end: run by hand with
// --gtest_also_run_disabled_tests (about a minute of one CPU core).
TEST_F(ClassifierViewTest, DISABLED_DefaultPlanTrainsToCompletion) {
  auto finished = record(view_.get(), &ClassifierView::trainingFinished);
  QElapsedTimer timer;
  timer.start();
  ASSERT_TRUE(view_->startTraining(view_->planFromFields()));
  ASSERT_TRUE(waitUntil([&] { return finished->size() == 1; }, 900000));
  EXPECT_EQ(finished->front(), QString());
  ASSERT_NE(view_->outcome(), nullptr);
  std::printf("default plan: %.1f s wall\n", timer.elapsed() / 1000.0);
  for (const auto& m : view_->outcome()->models)
    std::printf("%-17s %8lld parameters  test %.4f  held-out %.4f  %.3f ms CPU/map\n", m.model.card().role.c_str(),
                static_cast<long long>(m.model.parameterCount()), m.test.metrics.accuracy, m.heldOut.metrics.accuracy,
                m.test.latency.threadCpuMs);
  screenshot(*view_, "classifier-default-run");
}

}  // namespace
}  // namespace fab::ui::classifier

namespace fab::ui::classifier {
namespace {

TEST(ClassifierViewDemo, DrawsEachWaferWithItsProductsLayout) {
  test::TempDir dir;
  const auto path = dir.path("demo.fabdb");
  demo::buildDemoWorkspace(path);
  const std::string lot = "N2601A";
  store::Database db(path, store::Database::Mode::ReadOnly);
  store::DieFilter filter;
  filter.lots = {lot};
  const auto wafers = store::loadDies(db, filter);
  ASSERT_FALSE(wafers.empty());
  const auto product = store::loadProduct(db, wafers.front().product);
  ASSERT_TRUE(product);

  ClassifierView view(QString::fromStdString(path));
  view.resize(1400, 860);
  view.show();
  ASSERT_TRUE(waitUntil([&] { return !view.busy(); }, 60000));
  auto done = record(&view, &ClassifierView::classificationFinished);
  ASSERT_TRUE(view.classifyLot(QString::fromStdString(lot)));
  ASSERT_TRUE(waitUntil([&] { return done->size() == 1; }, 60000));
  ASSERT_EQ(view.predictionTable()->rowCount(), static_cast<int>(wafers.size()));
  view.selectPrediction(1);
  auto* map = dynamic_cast<chart::WaferMapPainter*>(view.waferWidget()->chart());
  ASSERT_NE(map, nullptr);
  EXPECT_DOUBLE_EQ(map->model().diameterMm, product->waferDiameterMm);
  // Dies are drawn at the product's pitch: die size plus scribe.
  EXPECT_DOUBLE_EQ(map->model().dieWidthMm, (product->dieWidthUm + product->scribeUm) / 1000.0);
  EXPECT_DOUBLE_EQ(map->model().dieHeightMm, (product->dieHeightUm + product->scribeUm) / 1000.0);
  view.tabs()->setCurrentIndex(1);
  screenshot(view, "classifier-demo-classify");
}

}  // namespace
}  // namespace fab::ui::classifier

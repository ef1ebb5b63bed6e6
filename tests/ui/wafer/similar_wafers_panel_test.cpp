// The wafer view's "Find similar wafers" against fabkit-cli's own engine run
// here directly: the same wafers at the same distances, found off the GUI thread.
// Built with libtorch only (the panel needs the classifier).
#ifdef FAB_WITH_TORCH
#include <gtest/gtest.h>

#include <QApplication>
#include <QTreeWidget>

#include "core/demo/demo_workspace.h"
#include "core/ml/die_map_store.h"
#include "core/store/database.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_similarity.h"
#include "tests/support/qt_wait.h"
#include "tests/support/temp_dir.h"
#include "ui/views/wafer/similar_wafers_panel.h"
#include "ui/views/wafer/wafer_map_view.h"

namespace fab::ui::wafer {
namespace {

TEST(SimilarWafersPanel, ListsTheNearestWafersOfTheWaferOnShow) {
  test::TempDir dir;
  const auto path = dir.path("demo.fabdb");
  demo::buildDemoWorkspace(path);
  const QString lot = "N2601A";
  WaferMapView view(QString::fromStdString(path), lot);
  ASSERT_TRUE(test::waitUntil([&] { return view.loaded(); }, 60000));
  ASSERT_TRUE(view.showWafer(5));
  auto* panel = view.similar();
  panel->setTop(6);
  ASSERT_TRUE(panel->find());
  EXPECT_TRUE(panel->busy());  // the search runs on a pool thread
  ASSERT_TRUE(test::waitUntil([&] { return !panel->busy(); }, 120000));
  ASSERT_EQ(panel->neighbours().size(), 6u) << panel->status().toStdString();
  EXPECT_EQ(panel->table()->topLevelItemCount(), 6);

  store::Database db(path, store::Database::Mode::ReadOnly);
  auto wafers = ml::loadStoredWaferMaps(db);
  const auto query = ml::findStoredWafer(wafers, lot.toStdString(), 5);
  const auto model = models::WaferClassifier::load(models::pretrainedModelDir(), models::DeviceChoice::Cpu);
  const models::WaferSimilarity similarity(model, std::move(wafers));
  const auto expected = similarity.similarTo(query, 6);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(panel->neighbours()[i].lot, expected[i].lot) << i;
    EXPECT_EQ(panel->neighbours()[i].wafer, expected[i].wafer) << i;
    EXPECT_NEAR(panel->neighbours()[i].distance, expected[i].distance, 1e-9) << i;
    EXPECT_EQ(panel->table()->topLevelItem(static_cast<int>(i))->text(1).toStdString(), expected[i].lot);
  }
  // Another wafer clears the list; its search reuses the embedded maps and finds its own neighbours.
  ASSERT_TRUE(view.showWafer(6));
  EXPECT_TRUE(panel->neighbours().empty());
  ASSERT_TRUE(panel->find());
  ASSERT_TRUE(test::waitUntil([&] { return !panel->busy(); }, 120000));
  const auto again = similarity.similarTo(similarity.find(lot.toStdString(), 6), 6);
  ASSERT_EQ(panel->neighbours().size(), again.size()) << panel->status().toStdString();
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(panel->neighbours()[i].index, again[i].index) << i;
    EXPECT_NEAR(panel->neighbours()[i].distance, again[i].distance, 1e-9) << i;
  }
  // Stacking leaves no single wafer to match.
  view.setStacked(true);
  EXPECT_FALSE(panel->find());
}

}  // namespace
}  // namespace fab::ui::wafer
#endif  // FAB_WITH_TORCH

// View › History on a copy of the demo workspace: the audit trail's entries,
// newest first, as core/store/audit_trail.h reads them; the filters narrow
// them; a change made meanwhile appears on refresh; the selected entry's
// changed fields are listed with their values before and after.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QTreeWidget>

#include "core/store/audit_trail.h"
#include "core/store/database.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/views/history/history_view.h"

namespace fab::ui {
namespace {

TEST(HistoryView, ListsTheTrailNewestFirstFiltersItAndShowsTheFieldsAChangeMade) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  HistoryView view(QString::fromStdString(path));
  view.resize(1280, 800);
  test::screenshot(view, "history");

  store::Database db(path, store::Database::Mode::ReadWrite);
  store::AuditFilter all;
  all.limit = HistoryView::kShown;
  const auto expected = store::readAuditTrail(db, all).entries;
  ASSERT_FALSE(expected.empty());  // the demo imports, approves limits and moves cards
  ASSERT_EQ(view.entries()->topLevelItemCount(), static_cast<int>(expected.size()));
  for (int i = 0; i < view.entries()->topLevelItemCount(); ++i)
    EXPECT_EQ(view.entries()->topLevelItem(i)->data(0, Qt::UserRole).toLongLong(), expected[i].id);

  // Only the approvals.
  view.tableFilter()->setCurrentIndex(view.tableFilter()->findData(QString("chart_config")));
  store::AuditFilter approvals = all;
  approvals.what = "chart_config";
  const auto approved = store::readAuditTrail(db, approvals).entries;
  ASSERT_EQ(view.entries()->topLevelItemCount(), static_cast<int>(approved.size()));
  for (int i = 0; i < view.entries()->topLevelItemCount(); ++i)
    EXPECT_EQ(view.entries()->topLevelItem(i)->text(2), auditedTableTitle("chart_config"));

  // A spec edited meanwhile: first after a refresh, with its one changed field.
  view.tableFilter()->setCurrentIndex(view.tableFilter()->findData(QString("spec")));
  const int specsBefore = view.entries()->topLevelItemCount();
  ASSERT_GT(specsBefore, 0);
  const qlonglong selected = view.entries()->currentItem()->data(0, Qt::UserRole).toLongLong();
  db.exec("UPDATE spec SET usl = usl + 1 WHERE id = (SELECT min(id) FROM spec)");
  view.refreshView();
  ASSERT_EQ(view.entries()->topLevelItemCount(), specsBefore + 1);
  // The entry the reader had selected stays selected.
  EXPECT_EQ(view.entries()->currentItem()->data(0, Qt::UserRole).toLongLong(), selected);
  QTreeWidgetItem* newest = view.entries()->topLevelItem(0);
  view.entries()->setCurrentItem(newest);
  EXPECT_EQ(newest->text(3), "changed");
  test::screenshot(view, "history-spec-change");
  ASSERT_EQ(view.fields()->topLevelItemCount(), 1);
  EXPECT_EQ(view.fields()->topLevelItem(0)->text(0), "usl");
  const double before = view.fields()->topLevelItem(0)->text(1).toDouble();
  EXPECT_DOUBLE_EQ(view.fields()->topLevelItem(0)->text(2).toDouble(), before + 1);

  // Nobody else: no entries.
  view.tableFilter()->setCurrentIndex(0);
  ASSERT_GE(view.userFilter()->count(), 2);  // everyone, and the demo's builder
  view.userFilter()->setCurrentIndex(1);
  EXPECT_EQ(
      view.entries()->topLevelItemCount(),
      static_cast<int>(std::min<std::size_t>(store::readAuditTrail(db, all).entries.size(), HistoryView::kShown)));
}

}  // namespace
}  // namespace fab::ui

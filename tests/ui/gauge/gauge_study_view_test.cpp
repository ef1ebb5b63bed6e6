// The gauge study view end to end: the AIAG reference study's R&R tables,
// pasting into the grid, saving and reloading, the agreement chart's data,
// chart export and offscreen renders for a person to look at.
#include <gtest/gtest.h>

#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "tests/ui/gauge/gauge_fixture.h"
#include "ui/views/gauge/gauge_ratings_model.h"
#include "ui/views/gauge/gauge_tables.h"

namespace fab::test {
namespace {

using ui::gauge::GaugeRatingsModel;
using ui::gauge::GaugeStudyView;
using ui::gauge::kValueRole;

/// The value of `column` in the row whose first column is keyed `symbol`.
double cell(const QAbstractItemModel& m, const QString& symbol, const QString& column) {
  const int c = ui::gauge::columnOf(m, column);
  if (c < 0) return std::nan("");
  for (int r = 0; r < m.rowCount(); ++r)
    if (m.index(r, 0).data(kValueRole).toString() == symbol) return m.index(r, c).data(kValueRole).toDouble();
  return std::nan("");
}

void savePng(QWidget& w, const QString& name) {
  const QImage image = w.grab().toImage();
  const QString file = QDir(screenshotFolder()).filePath(name);
  ASSERT_TRUE(image.save(file)) << file.toStdString();
  EXPECT_GT(colourCount(image), 20u) << "render looks blank: " << file.toStdString();
  std::printf("rendered %s\n", file.toStdString().c_str());
}

bool sameRating(const msa::GaugeRating& a, const msa::GaugeRating& b) {
  return a.part == b.part && a.appraiser == b.appraiser && a.trial == b.trial && a.value == b.value &&
         a.category == b.category && a.reference == b.reference;
}

TEST(GaugeStudyView, AiagStudyShowsPublishedAverageAndRangeResults) {
  TempDir dir;
  const QString ws = workspaceWith(dir, {aiagStudy()});
  GaugeStudyView view(ws, "AIAG MSA 4th ed.", msa::GaugeStudyKind::Attribute);
  view.resize(1600, 1000);
  view.show();
  ASSERT_TRUE(waitForAnalysis(view));
  EXPECT_EQ(view.study().kind, msa::GaugeStudyKind::Variables);
  EXPECT_EQ(view.ratingsModel()->ratings().size(), 90u);

  const auto* m = view.componentsModel(msa::GrrMethod::AverageRange);
  ASSERT_NE(m, nullptr);
  // AIAG MSA 4th ed. as reproduced in shared/reference: %EV 17.61, %AV 20.04, %GRR 26.68, %PV 96.37.
  const QString sv = QObject::tr("%Study var");
  EXPECT_NEAR(cell(*m, "GRR", sv), 26.68, 0.006);
  EXPECT_NEAR(cell(*m, "EV", sv), 17.61, 0.006);
  EXPECT_NEAR(cell(*m, "AV", sv), 20.04, 0.006);
  EXPECT_NEAR(cell(*m, "PV", sv), 96.37, 0.006);
  EXPECT_NEAR(cell(*m, "GRR", QObject::tr("StdDev")), 0.3058, 0.0001);
  // %GRR shown as text too, to two decimals.
  const int svColumn = ui::gauge::columnOf(*m, sv);
  EXPECT_EQ(m->index(0, svColumn).data().toString(), "26.68");
  auto* ndc = view.findChild<QLabel*>("componentsAverageRangeNdc");
  ASSERT_NE(ndc, nullptr);
  EXPECT_EQ(ndc->property("ndc").toInt(), 5);
  EXPECT_TRUE(ndc->text().endsWith("= 5"));

  // The ANOVA method is shown too, its contributions summing to 100 % over GRR + PV.
  const auto* anova = view.componentsModel(msa::GrrMethod::Anova);
  ASSERT_NE(anova, nullptr);
  const QString contribution = QObject::tr("%Contribution");
  EXPECT_NEAR(cell(*anova, "GRR", contribution) + cell(*anova, "PV", contribution), 100.0, 1e-9);
  EXPECT_NE(view.findChild<QLabel*>("componentsAnovaNdc"), nullptr);

  // Four charts, each written as PNG and SVG.
  ASSERT_EQ(view.charts().size(), 4u);
  TempDir out;
  QStringList errors;
  const QStringList files = view.exportCharts(QString::fromStdString(out.path("")), &errors);
  EXPECT_TRUE(errors.isEmpty()) << errors.join("\n").toStdString();
  ASSERT_EQ(files.size(), 8);
  for (const auto& f : files) EXPECT_GT(QFileInfo(f).size(), 1000) << f.toStdString();

  auto* tabs = view.findChild<QTabWidget*>();
  ASSERT_NE(tabs, nullptr);
  tabs->setCurrentIndex(0);
  savePng(view, "aiag_grr_tables.png");
  tabs->setCurrentIndex(1);
  savePng(view, "aiag_grr_charts.png");
}

TEST(GaugeStudyView, PastingATabSeparatedBlockFillsTheGrid) {
  TempDir dir;
  const QString ws = workspaceWith(dir, {});
  GaugeStudyView view(ws, "pasted", msa::GaugeStudyKind::Attribute);
  view.resize(900, 600);
  view.show();
  auto* grid = view.grid();
  // As a spreadsheet copies it: header line, CRLF line ends, an empty standard cell.
  QApplication::clipboard()->setText(
      "Part\tAppraiser\tTrial\tRating\tStandard\r\nP1\tAnna\t1\tpass\tpass\r\nP2\tAnna\t1\tfail\tpass\r\nP1\tBen\t2\tpa"
      "ss\t\r\n");
  grid->setCurrentIndex(view.ratingsModel()->index(0, 0));
  QKeyEvent paste(QEvent::KeyPress, Qt::Key_V, Qt::ControlModifier);
  QApplication::sendEvent(grid, &paste);

  const auto& r = view.ratingsModel()->ratings();
  const std::vector<msa::GaugeRating> expected = {{"P1", "Anna", 1, std::nullopt, "pass", "pass", 0},
                                                  {"P2", "Anna", 1, std::nullopt, "fail", "pass", 0},
                                                  {"P1", "Ben", 2, std::nullopt, "pass", "", 0}};
  ASSERT_EQ(r.size(), expected.size());
  for (std::size_t i = 0; i < r.size(); ++i) EXPECT_TRUE(sameRating(r[i], expected[i])) << "row " << i;
  EXPECT_EQ(view.ratingsModel()->rowCount(), 4);  // and a blank row for the next rating
  EXPECT_EQ(grid->model()->index(1, GaugeRatingsModel::kValue).data().toString(), "fail");

  // A second block pasted into the rating column only, below the first: rows are added.
  QApplication::clipboard()->setText("fail\nfail\n");
  grid->setCurrentIndex(view.ratingsModel()->index(2, GaugeRatingsModel::kValue));
  QApplication::sendEvent(grid, &paste);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[2].category, "fail");
  EXPECT_EQ(r[3].category, "fail");
  EXPECT_EQ(r[3].part, "");

  // Each paste is one undo step.
  view.ratingsModel()->undoStack()->undo();
  ASSERT_EQ(view.ratingsModel()->ratings().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(sameRating(view.ratingsModel()->ratings()[i], expected[i]));
  view.ratingsModel()->undoStack()->undo();
  EXPECT_TRUE(view.ratingsModel()->ratings().empty());
}

TEST(GaugeStudyView, ASavedStudyReloadsIdentically) {
  TempDir dir;
  const QString ws = workspaceWith(dir, {});
  std::vector<msa::GaugeRating> saved;
  {
    GaugeStudyView view(ws, "copy", msa::GaugeStudyKind::Variables);
    msa::GaugeCsvColumns c;
    c.part = "part";
    c.appraiser = "op";
    c.value = "y";
    c.trial = "trial";
    view.importCsv(QString::fromStdString(referenceFile("aiag_grr_long.csv")), c);
    // An edit by hand after the import.
    auto* m = view.ratingsModel();
    ASSERT_TRUE(m->setData(m->index(4, GaugeRatingsModel::kValue), "0.125", Qt::EditRole));
    saved = view.study().ratings;
    ASSERT_EQ(saved.size(), 90u);
    EXPECT_DOUBLE_EQ(*saved[4].value, 0.125);
    QString error;
    ASSERT_TRUE(view.save(&error)) << error.toStdString();
    EXPECT_TRUE(m->undoStack()->isClean());
  }
  GaugeStudyView reloaded(ws, "copy", msa::GaugeStudyKind::Attribute);
  const auto again = reloaded.study();
  EXPECT_EQ(again.kind, msa::GaugeStudyKind::Variables);
  ASSERT_EQ(again.ratings.size(), saved.size());
  for (std::size_t i = 0; i < saved.size(); ++i) EXPECT_TRUE(sameRating(again.ratings[i], saved[i])) << "row " << i;
  EXPECT_NE(again.source.find("aiag_grr_long.csv"), std::string::npos);
}

TEST(GaugeStudyView, AgreementChartHasOneBarPerAppraiserWithItsExactInterval) {
  TempDir dir;
  const auto study = attributeStudy();
  const QString ws = workspaceWith(dir, {study});
  GaugeStudyView view(ws, QString::fromStdString(study.name), msa::GaugeStudyKind::Attribute);
  view.resize(1600, 1000);
  view.show();
  ASSERT_TRUE(waitForAnalysis(view));
  const auto chart = view.agreementChartModel();
  ASSERT_NE(chart, nullptr);
  const std::vector<QString> appraisers = {"A", "B", "C"};
  EXPECT_EQ(chart->categories, appraisers);
  ASSERT_EQ(chart->series.size(), 2u);  // within appraiser, vs standard

  // Independent count from the ratings: parts whose two trials agree (within),
  // and whose two trials both equal the standard (vs standard).
  std::map<std::string, std::map<std::string, std::vector<std::string>>> byAppraiser;
  std::map<std::string, std::string> standard;
  for (const auto& r : study.ratings) {
    byAppraiser[r.appraiser][r.part].push_back(r.category);
    standard[r.part] = r.reference;
  }
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& series = chart->series[s];
    ASSERT_EQ(series.values.size(), 3u);
    ASSERT_EQ(series.low.size(), 3u);
    ASSERT_EQ(series.high.size(), 3u);
    for (std::size_t a = 0; a < 3; ++a) {
      int matched = 0, n = 0;
      for (const auto& [part, ratings] : byAppraiser[appraisers[a].toStdString()]) {
        ++n;
        const bool same = ratings[0] == ratings[1];
        matched += s == 0 ? same : (same && ratings[0] == standard[part]);
      }
      // Clopper & Pearson (1934), two-sided 95 %: beta quantiles; 1 at x = n.
      const double low = matched == 0 ? 0 : boost::math::ibeta_inv(matched, n - matched + 1, 0.025);
      const double high = matched == n ? 1 : boost::math::ibeta_inv(matched + 1, n - matched, 0.975);
      EXPECT_NEAR(series.values[a], 100.0 * matched / n, 1e-9) << s << " " << a;
      EXPECT_NEAR(series.low[a], 100 * low, 1e-6) << s << " " << a;
      EXPECT_NEAR(series.high[a], 100 * high, 1e-6) << s << " " << a;
    }
  }
  EXPECT_NEAR(chart->series[0].values[1], 100.0 * 11 / 12, 1e-9);
  EXPECT_NEAR(chart->series[1].values[2], 100.0 * 8 / 12, 1e-9);

  // The tables: four agreement blocks and the kappa per category.
  for (const char* name : {"agreementWithin", "agreementVsStandard", "agreementBetween", "agreementAllVsStandard"})
    EXPECT_NE(view.findChild<QTableView*>(name), nullptr) << name;
  auto* within = view.findChild<QTableView*>("agreementWithin");
  ASSERT_NE(within, nullptr);
  EXPECT_EQ(within->model()->rowCount(), 3);
  EXPECT_EQ(within->model()->index(0, 7).data().toString(), "almost perfect");  // A: κ = 1
  auto* kappa = view.findChild<QTableView*>("kappaPerCategory");
  ASSERT_NE(kappa, nullptr);
  EXPECT_EQ(kappa->model()->rowCount(), 2 * (3 + 3 + 1 + 1));  // pass, fail per line

  savePng(view, "attribute_agreement.png");
  auto* tabs = view.findChild<QTabWidget*>();
  tabs->setCurrentIndex(1);
  savePng(view, "attribute_kappa_per_category.png");
}

TEST(GaugeStudyView, BadRatingsGiveAMessageNotACrash) {
  TempDir dir;
  const QString ws = workspaceWith(dir, {});
  GaugeStudyView view(ws, "unbalanced", msa::GaugeStudyKind::Variables);
  QString error;
  EXPECT_EQ(view.ratingsModel()->pasteText("P1\tA\t1\t1.5\nP1\tA\t2\tabc\nP2\tA\t1\t2\n", 0, 0, &error), 1);
  EXPECT_NE(error.indexOf("not a number"), -1) << error.toStdString();
  ASSERT_TRUE(waitForAnalysis(view));
  EXPECT_FALSE(view.analysis()->averageRange.has_value());
  EXPECT_FALSE(view.analysis()->averageRangeError.empty());
  EXPECT_EQ(view.componentsModel(msa::GrrMethod::AverageRange), nullptr);
}

}  // namespace
}  // namespace fab::test

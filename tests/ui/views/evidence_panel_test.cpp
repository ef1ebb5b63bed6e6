// The card's evidence panel on the demo workspace's GATE_CD kaizen (the
// ETCH-03/B wet-clean step change): the phase-split chart model the painter
// gets, what it draws, and the before/after table (the mean shift on the 16
// lot means, the rest on wafer means).
#include <gtest/gtest.h>

#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>

#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "core/lean/kaizen_evidence.h"
#include "core/lean/kaizen_store.h"
#include "core/store/database.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/views/lean/evidence_chart.h"
#include "ui/views/lean/evidence_panel.h"
#include "ui/views/lean/kanban_board_view.h"

namespace fab::ui::lean {
namespace {

/// The GATE_CD kaizen's data, loaded by the store (not by the view).
fab::lean::EvidenceInput demoInput() {
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const auto k = fab::lean::KaizenStore(db).get(1);
  return fab::lean::loadEvidenceInput(db, *k.link);
}

/// Mean of the values on one side of the change, computed here from the input.
std::pair<double, std::size_t> sideMean(const fab::lean::EvidenceInput& in, bool after) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.values.size(); ++i)
    if (in.after[i] == after) sum += in.values[i], ++n;
  return {sum / static_cast<double>(n), n};
}

/// True when a pixel within `reach` rows of (x, y) passes `test` (antialiased lines blend
/// with what is under them, so tests look for a hue, not an exact colour).
bool pixelNear(const QImage& img, double x, double y, const std::function<bool(const QColor&)>& test, int reach = 2) {
  for (int dy = -reach; dy <= reach; ++dy)
    if (test(img.pixelColor(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)) + dy))) return true;
  return false;
}
/// The centre line's green (44, 140, 44), also when blended half with the pale zone fill; not
/// the zone fill itself (234, 242, 234), the blue series or the red markers.
bool centreGreen(const QColor& c) { return c.green() - c.red() > 40 && c.green() - c.blue() > 40; }
/// The phase line's grey (120, 120, 120), alone or blended with white.
bool phaseGrey(const QColor& c) {
  return std::abs(c.red() - c.green()) < 12 && std::abs(c.green() - c.blue()) < 12 && c.red() < 215;
}

TEST(EvidencePanel, BoardShowsBothPhasesOfTheLinkedParameter) {
  KanbanBoardView view(QString::fromStdString(test::demoWorkspace()), "Yield improvement");
  view.resize(1600, 900);
  view.show();
  view.selectCard(1);
  view.showEvidencePage();
  ASSERT_TRUE(test::waitUntil([&] { return view.evidencePanel()->chartModel() != nullptr; }));
  const auto& model = *view.evidencePanel()->chartModel();

  const auto input = demoInput();
  const auto [beforeMean, nBefore] = sideMean(input, false);
  const auto [afterMean, nAfter] = sideMean(input, true);
  ASSERT_GT(nBefore, 20u);
  ASSERT_GT(nAfter, 20u);

  // Two phases, split after the before points, each holding its own n.
  ASSERT_EQ(model.phases.size(), 2u);
  EXPECT_DOUBLE_EQ(model.phases[1].x, static_cast<double>(nBefore) + 0.5);
  EXPECT_TRUE(model.phases[1].label.contains("2026-10-01")) << model.phases[1].label.toStdString();
  std::size_t left = 0, right = 0;
  for (const auto& p : model.series.at(0).points) (p.x < model.phases[1].x ? left : right)++;
  EXPECT_EQ(left, nBefore);
  EXPECT_EQ(right, nAfter);
  // Each phase's centre line is that side's mean.
  const chart::StepLine* cl = nullptr;
  for (const auto& l : model.limits)
    if (l.label == "CL") cl = &l;
  ASSERT_NE(cl, nullptr);
  ASSERT_EQ(cl->steps.size(), 2u);
  EXPECT_NEAR(cl->steps[0].y, beforeMean, 1e-9);
  EXPECT_NEAR(cl->steps[1].y, afterMean, 1e-9);
  EXPECT_NEAR(afterMean - beforeMean, 1.5, 0.2);  // the planted wet-clean shift

  // The table: n per side (wafer means), the lot means the mean shift is tested on, the tests,
  // and a unit column naming what each row is computed on.
  std::map<std::string, std::pair<double, int>> lotSums[2];  // per side: lot → (sum, n), from the input here
  for (std::size_t i = 0; i < input.values.size(); ++i) {
    auto& a = lotSums[input.after[i] ? 1 : 0][input.lot[i]];
    a.first += input.values[i];
    ++a.second;
  }
  double lotMean[2] = {0, 0};
  for (int side : {0, 1}) {
    for (const auto& [lot, a] : lotSums[side]) lotMean[side] += a.first / a.second;
    lotMean[side] /= static_cast<double>(lotSums[side].size());
  }
  ASSERT_EQ(lotSums[0].size(), 9u);
  ASSERT_EQ(lotSums[1].size(), 7u);
  auto* table = view.evidenceTable();
  ASSERT_EQ(table->columnCount(), 3);
  // 5 wafer-mean rows, lot means, Welch, Brown–Forsythe, two intervention models, serial correlation.
  ASSERT_EQ(table->rowCount(), 11);
  auto header = [&](int r) { return table->verticalHeaderItem(r)->text().toStdString(); };
  auto cell = [&](int r, int c) { return table->item(r, c)->text().toStdString(); };
  EXPECT_EQ(table->item(0, 0)->text().toULongLong(), nBefore);
  EXPECT_EQ(table->item(0, 1)->text().toULongLong(), nAfter);
  for (int r = 0; r < 5; ++r) EXPECT_EQ(cell(r, 2), "wafer means") << header(r);
  EXPECT_EQ(header(5), "lot means");
  EXPECT_EQ(cell(5, 0).rfind("n 9, mean " + QString::number(lotMean[0], 'g', 5).toStdString(), 0), 0u) << cell(5, 0);
  EXPECT_EQ(cell(5, 1).rfind("n 7, mean " + QString::number(lotMean[1], 'g', 5).toStdString(), 0), 0u) << cell(5, 1);
  EXPECT_EQ(cell(5, 2), "lot means (25 wafers per lot)");
  // Lot means are not autocorrelated: the Welch test on them is the recommended estimate.
  EXPECT_EQ(header(6), "Welch t ★");
  EXPECT_EQ(table->columnSpan(6, 0), 2);  // a test row spans the before and after columns
  EXPECT_EQ(cell(6, 0).rfind("Δ " + QString::number(lotMean[1] - lotMean[0], 'g', 4).toStdString() + " [", 0), 0u)
      << cell(6, 0);
  EXPECT_EQ(cell(6, 2), "lot means");
  EXPECT_EQ(header(7), "Brown–Forsythe");
  EXPECT_EQ(cell(7, 2), "wafer means");
  for (int r : {8, 9}) {
    EXPECT_EQ(header(r).rfind("Kalman, ", 0), 0u) << header(r);
    EXPECT_EQ(cell(r, 0).rfind("step ", 0), 0u) << cell(r, 0);
    EXPECT_EQ(cell(r, 2), "lot means");
  }
  EXPECT_EQ(header(10), "serial correlation");
  EXPECT_EQ(cell(10, 2), "lot means");
  EXPECT_EQ(view.evidencePanel()->recommendedRow(), 6);
  const auto rec = view.evidencePanel()->recommendation()->text().toStdString();
  EXPECT_NE(rec.find("wafers are nested in lots (25 per lot): the mean shift is tested on 16 lot means"),
            std::string::npos)
      << rec;
  EXPECT_NE(rec.find("the Welch t-test holds"), std::string::npos) << rec;
  test::screenshot(view, "kanban_evidence_board");
  test::screenshot(*view.evidencePanel(), "kanban_evidence_panel");
}

TEST(EvidencePanel, TheLastSelectedCardsEvidenceIsShown) {
  // Selecting a second linked card while the first one's evidence is computed: the panel ends
  // up showing the second (RESIST_THK), not the stale first (GATE_CD).
  KanbanBoardView view(QString::fromStdString(test::demoWorkspace()), "Yield improvement");
  int ready = 0;
  QObject::connect(&view, &KanbanBoardView::evidenceReady, [&] { ++ready; });
  view.selectCard(1);
  view.selectCard(2);
  ASSERT_TRUE(test::waitUntil([&] { return ready > 0; }));
  ASSERT_NE(view.evidencePanel()->chartModel(), nullptr);
  EXPECT_TRUE(view.evidencePanel()->chartModel()->title.startsWith("RESIST_THK"))
      << view.evidencePanel()->chartModel()->title.toStdString();
  EXPECT_EQ(ready, 1);
}

TEST(EvidencePanel, PainterDrawsEachPhasesCentreLineAndTheChange) {
  const auto input = demoInput();
  fab::lean::EvidenceOptions options;
  options.intended = fab::lean::Direction::LowerMean;
  const auto evidence = fab::lean::computeEvidence(input, options);
  const auto data = evidenceChartData(input, evidence);
  auto model = evidenceChartModel(data);
  chart::SeriesChartPainter painter(model);
  chart::ChartStyle style;
  style.fixedMargins = QMarginsF(60, 40, 80, 40);
  painter.setStyle(style);
  QImage image(900, 500, QImage::Format_RGB32);
  image.fill(Qt::white);
  {
    QPainter p(&image);
    painter.paint(p, QRectF(0, 0, 900, 500));
  }
  const auto t = painter.transform(QRectF(0, 0, 900, 500));
  if (const QString folder = qEnvironmentVariable("FAB_VIEW_SCREENSHOTS"); !folder.isEmpty())
    image.save(folder + "/evidence_phase_chart.png");
  const double split = model->phases.at(1).x;
  const auto& cl =
      *std::find_if(model->limits.begin(), model->limits.end(), [](const auto& l) { return l.label == "CL"; });
  // A little into each phase (clear of points is not guaranteed, so look along a few columns).
  auto clDrawn = [&](double x0, double x1, double level) {
    for (double x = x0; x < x1; x += 0.5) {
      const QPointF px = t.toPixel(x, level);
      if (pixelNear(image, px.x(), px.y(), centreGreen)) return true;
    }
    return false;
  };
  EXPECT_TRUE(clDrawn(1, split - 1, cl.steps[0].y));
  EXPECT_TRUE(clDrawn(split + 1, static_cast<double>(evidence.order.size()), cl.steps[1].y));
  // … and not the other phase's: the before level is not carried across the change.
  EXPECT_FALSE(clDrawn(split + 1, static_cast<double>(evidence.order.size()), cl.steps[0].y));
  // The change line: phase-line grey along the split column.
  const double xs = t.xToPixel(split);
  auto greyDown = [&](double x) {
    int n = 0;
    for (int y = static_cast<int>(t.plot().top()); y < static_cast<int>(t.plot().bottom()); ++y)
      n += pixelNear(image, x, y, phaseGrey, 0);
    return n;
  };
  EXPECT_GT(greyDown(xs), 0.2 * t.plot().height());       // a dash-dot line down the plot …
  EXPECT_LT(greyDown(xs + 8), 0.05 * t.plot().height());  // … at the change, not beside it
}

}  // namespace
}  // namespace fab::ui::lean

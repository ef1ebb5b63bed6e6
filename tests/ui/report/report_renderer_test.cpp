// Pagination of the document model: figures never split, tables split between
// rows with every row placed once, page breaks, the title block on page 1.
#include <gtest/gtest.h>

#include <variant>

#include "tests/ui/report/report_fixture.h"
#include "ui/chart/histogram_painter.h"
#include "ui/report/report_renderer.h"

namespace fab::ui::report {
namespace {

constexpr double kWidth = 680, kHeight = 960;

std::shared_ptr<const chart::ChartPainter> someChart() {
  auto m = std::make_shared<chart::HistogramModel>();
  m->edges = {0, 1, 2};
  m->counts = {3, 5};
  return std::make_shared<chart::HistogramPainter>(m);
}

TEST(ReportRenderer, FigureThatDoesNotFitMovesWholeToTheNextPage) {
  ReportDocument doc;
  doc.figure({{someChart()}, 500, {}});
  doc.figure({{someChart()}, 500, {}});
  const auto pages = ReportRenderer(doc).paginate(kWidth, kHeight);
  ASSERT_EQ(pages.size(), 2u);
  ASSERT_EQ(pages[0].blocks.size(), 1u);
  ASSERT_EQ(pages[1].blocks.size(), 1u);
  EXPECT_TRUE(pages[0].titleBlock);
  EXPECT_FALSE(pages[1].titleBlock);
  EXPECT_EQ(pages[1].blocks[0].block, 1u);
  EXPECT_DOUBLE_EQ(pages[1].blocks[0].top, 0.0);
  EXPECT_DOUBLE_EQ(pages[1].blocks[0].height, 500.0);
}

TEST(ReportRenderer, FigureTallerThanAPageIsShrunkToThePage) {
  ReportDocument doc;
  doc.figure({{someChart()}, 5000, {}});
  const auto pages = ReportRenderer(doc).paginate(kWidth, kHeight);
  ASSERT_EQ(pages.size(), 2u);  // it does not fit under the title block: page 2, alone
  EXPECT_TRUE(pages[0].blocks.empty());
  EXPECT_DOUBLE_EQ(pages[1].blocks[0].height, kHeight);
}

TEST(ReportRenderer, LongTableSplitsBetweenRowsAndPlacesEveryRowOnce) {
  ReportDocument doc;
  Table t;
  t.caption = "numbers";
  t.headers = {"i", "i²"};
  for (int i = 0; i < 300; ++i) t.rows.push_back({QString::number(i), QString::number(i * i)});
  doc.table(t);
  const auto pages = ReportRenderer(doc).paginate(kWidth, kHeight);
  ASSERT_GT(pages.size(), 2u);
  std::size_t next = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    ASSERT_EQ(pages[p].blocks.size(), 1u);
    const auto& b = pages[p].blocks[0];
    EXPECT_EQ(b.firstRow, next) << "page " << p + 1;
    EXPECT_GT(b.lastRow, b.firstRow);
    EXPECT_LE(b.top + b.height, kHeight + 1e-9) << "page " << p + 1;
    EXPECT_EQ(b.continued, p > 0);
    next = b.lastRow;
  }
  EXPECT_EQ(next, 300u);
}

TEST(ReportRenderer, PageBreakStartsANewPageButNeverAnEmptyOne) {
  ReportDocument doc;
  doc.pageBreak();  // at the top of page 1, after the title block: starts page 2
  doc.paragraph("one");
  doc.pageBreak();
  doc.pageBreak();  // a second break on an empty page adds nothing
  doc.paragraph("two");
  const auto pages = ReportRenderer(doc).paginate(kWidth, kHeight);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_TRUE(pages[0].blocks.empty());
  EXPECT_EQ(pages[1].blocks.size(), 1u);
  EXPECT_EQ(pages[2].blocks.size(), 1u);
  EXPECT_EQ(pages[2].blocks[0].block, 4u);
}

TEST(ReportRenderer, PaperSizesAndBadNames) {
  EXPECT_EQ(parsePaperSize("A4"), PaperSize::A4);
  EXPECT_EQ(parsePaperSize(" letter"), PaperSize::Letter);
  EXPECT_THROW(parsePaperSize("a3"), Error);
}

TEST(ReportRenderer, PdfHasThePaginatedPageCountHeadersAndFooters) {
  ReportDocument doc;
  doc.title = "Pagination check";
  doc.workspace = "fab.fabdb";
  doc.generated = "2026-03-01 08:00 UTC";
  for (int i = 0; i < 5; ++i) doc.figure({{someChart()}, 400, QString("chart %1").arg(i + 1)});
  test::TempDir dir;
  const auto pdf = dir.path("p.pdf");
  const int pages = ReportRenderer(doc).writePdf(QString::fromStdString(pdf), PaperSize::Letter);
  // Letter less 14 mm margins and the header and footer bands is about 900 px: one figure under the
  // title block, then two a page.
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(test::pdfPages(pdf), 3);
  EXPECT_NE(test::pdfPageSize(pdf).find("612 x 792"), std::string::npos) << test::pdfPageSize(pdf);
  const auto text = test::pdfText(pdf);
  EXPECT_NE(text.find("page 1 of 3"), std::string::npos);
  EXPECT_NE(text.find("page 3 of 3"), std::string::npos);
  EXPECT_NE(text.find("fab.fabdb"), std::string::npos);
  EXPECT_NE(text.find("2026-03-01 08:00 UTC"), std::string::npos);
  EXPECT_NE(text.find("chart 5"), std::string::npos);
}

}  // namespace
}  // namespace fab::ui::report

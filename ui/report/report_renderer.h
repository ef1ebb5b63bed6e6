#pragma once
// Lays a ReportDocument out on pages and paints it onto any QPagedPaintDevice:
// the print preview's printer, a real printer, or a PDF (QPdfWriter). The same
// layout serves all three, so preview, print and PDF are the same pages.
//
// Units: layout is in logical pixels at 96 dpi (the chart layer's unit); the
// painter is scaled by the device's dpi / 96. Each page has a header (report
// title, workspace) and a footer (date, "page n of m"); figures never split
// across pages; tables split between rows with their header repeated.
// Painting needs a QGuiApplication (fonts) but no widgets, so a PDF can be
// rendered on a worker thread.
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QString>

#include <vector>

#include "core/common/feedback.h"
#include "ui/report/report_document.h"

namespace fab::ui::report {

enum class PaperSize { A4, Letter };

/// "a4" or "letter" (any case); throws fab::Error naming the choices otherwise.
PaperSize parsePaperSize(const QString& text);
QPageSize pageSizeOf(PaperSize paper);

/// One block (or, for a table, a run of its rows) placed on a page.
struct PlacedBlock {
  std::size_t block = 0;       ///< index into ReportDocument::blocks
  double top = 0, height = 0;  ///< logical pixels from the top of the content area
  std::size_t firstRow = 0;    ///< tables: rows [firstRow, lastRow) on this page
  std::size_t lastRow = 0;
  bool continued = false;  ///< tables: continues from the previous page
};

struct PageLayout {
  std::vector<PlacedBlock> blocks;
  bool titleBlock = false;  ///< the first page carries the title block
};

class ReportRenderer {
 public:
  explicit ReportRenderer(const ReportDocument& document) : doc_(document) {}

  /// Splits the document into pages for a content area `width` × `height` logical pixels.
  std::vector<PageLayout> paginate(double width, double height) const;

  /// Paints every page onto `device` (calling newPage() between pages); the
  /// device's page layout (size, margins) must be set. Reports progress per
  /// page and stops with fab::Cancelled when asked. Returns the page count.
  int render(QPagedPaintDevice& device, const Feedback& feedback = {}) const;

  /// Writes a PDF file (vectors; fonts embedded). Throws fab::Error when the
  /// file cannot be written. Returns the page count.
  int writePdf(const QString& path, PaperSize paper, const Feedback& feedback = {}) const;

  /// Margins of the PDF pages and of the printer page set up by the GUI, in millimetres.
  static constexpr double kMarginMm = 14.0;

 private:
  double blockHeight(std::size_t index, double width) const;
  double rowHeight(const Table& table, std::size_t row, double width) const;
  void paintPage(QPainter& painter, const PageLayout& page, const QRectF& content, int number, int count) const;
  void paintTitleBlock(QPainter& painter, const QRectF& area) const;
  void paintTable(QPainter& painter, const Table& table, const PlacedBlock& placed, const QRectF& area) const;
  void paintFigure(QPainter& painter, const Figure& figure, const QRectF& area) const;

  const ReportDocument& doc_;
};

}  // namespace fab::ui::report

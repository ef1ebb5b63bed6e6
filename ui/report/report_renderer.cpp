#include "ui/report/report_renderer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace fab::ui::report {
namespace {

// Type scale in logical pixels at 96 dpi (12 px ≈ 9 pt on paper).
constexpr int kBodyPx = 12, kSmallPx = 10, kTablePx = 11, kH1Px = 18, kH2Px = 14, kTitlePx = 26;
constexpr double kHeaderPx = 26;  ///< band above the content for the page header
constexpr double kFooterPx = 22;  ///< band below the content for the page footer
constexpr double kGap = 8;        ///< space after each block
constexpr double kCellPad = 3;    ///< padding inside table cells
constexpr double kLightPx = 9;    ///< traffic-light dot diameter
constexpr double kTitleBlockPx = 96;

QFont font(int pixels, bool bold = false) {
  QFont f("DejaVu Sans");
  f.setPixelSize(pixels);
  f.setBold(bold);
  f.setHintingPreference(QFont::PreferNoHinting);  // the same metrics on screen and paper
  return f;
}

double wrappedHeight(const QFont& f, const QString& text, double width) {
  const QFontMetricsF fm(f);
  return fm.boundingRect(QRectF(0, 0, width, 1e7), Qt::TextWordWrap, text).height();
}

const QColor kText{30, 30, 30}, kGrey{110, 110, 110}, kRule{150, 150, 150}, kHeaderFill{232, 236, 242};

std::vector<double> columnWidths(const Table& t, double width) {
  const std::size_t n = static_cast<std::size_t>(t.headers.size());
  std::vector<double> w(n, 1.0);
  if (t.columnWeights.size() == n) w = t.columnWeights;
  double sum = 0;
  for (double v : w) sum += v;
  for (double& v : w) v = v / sum * width;
  return w;
}

double captionHeight(const QString& caption, double width) {
  return caption.isEmpty() ? 0.0 : wrappedHeight(font(kBodyPx, true), caption, width) + 3;
}

}  // namespace

QColor lightGreen() { return {44, 160, 44}; }
QColor lightAmber() { return {240, 170, 0}; }
QColor lightRed() { return {214, 39, 40}; }

PaperSize parsePaperSize(const QString& text) {
  const QString t = text.trimmed().toLower();
  if (t == "a4") return PaperSize::A4;
  if (t == "letter") return PaperSize::Letter;
  throw Error("unknown page size '" + text.toStdString() + "': choose a4 or letter");
}

QPageSize pageSizeOf(PaperSize paper) { return QPageSize(paper == PaperSize::A4 ? QPageSize::A4 : QPageSize::Letter); }

double ReportRenderer::rowHeight(const Table& t, std::size_t row, double width) const {
  const auto widths = columnWidths(t, width);
  const bool header = row == static_cast<std::size_t>(-1);
  double h = 0;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    QString text;
    bool bold = header;
    double indent = 0;
    if (header) {
      text = t.headers[static_cast<int>(c)];
    } else if (c < t.rows[row].size()) {
      text = t.rows[row][c].text;
      bold = t.rows[row][c].bold;
      if (t.rows[row][c].light) indent = kLightPx + 4;
    }
    h = std::max(h, wrappedHeight(font(kTablePx, bold), text, widths[c] - 2 * kCellPad - indent));
  }
  return h + 2 * kCellPad;
}

double ReportRenderer::blockHeight(std::size_t index, double width) const {
  const Block& b = doc_.blocks[index];
  if (const auto* h = std::get_if<Heading>(&b))
    return wrappedHeight(font(h->level == 1 ? kH1Px : kH2Px, true), h->text, width) + (h->level == 1 ? 6 : 2);
  if (const auto* p = std::get_if<Paragraph>(&b))
    return wrappedHeight(font(p->small ? kSmallPx : kBodyPx), p->text, width);
  if (const auto* f = std::get_if<Figure>(&b)) return f->height + captionHeight(f->caption, width);
  return 0;
}

std::vector<PageLayout> ReportRenderer::paginate(double width, double height) const {
  std::vector<PageLayout> pages(1);
  pages[0].titleBlock = true;
  double y = kTitleBlockPx;
  auto newPage = [&] {
    pages.emplace_back();
    y = 0;
  };
  for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
    const Block& b = doc_.blocks[i];
    if (std::holds_alternative<PageBreak>(b)) {
      if (y > 0) newPage();
      continue;
    }
    if (const auto* t = std::get_if<Table>(&b)) {
      const double head = captionHeight(t->caption, width) + rowHeight(*t, static_cast<std::size_t>(-1), width);
      std::size_t row = 0;
      bool continued = false;
      do {
        // The caption, the header and at least one row (or the header alone for an empty table) together.
        const double first = t->rows.empty() ? 0 : rowHeight(*t, 0 + row, width);
        if (y > 0 && y + head + first > height) newPage();
        PlacedBlock placed{i, y, head, row, row, continued};
        double h = head;
        while (placed.lastRow < t->rows.size()) {
          const double r = rowHeight(*t, placed.lastRow, width);
          if (placed.lastRow > row && y + h + r > height) break;
          h += r;
          ++placed.lastRow;
        }
        placed.height = h;
        pages.back().blocks.push_back(placed);
        y += h + kGap;
        row = placed.lastRow;
        continued = true;
        if (row < t->rows.size()) newPage();
      } while (row < t->rows.size());
      continue;
    }
    double h = blockHeight(i, width);
    if (std::holds_alternative<Figure>(b)) h = std::min(h, height);  // a figure taller than a page is shrunk
    // Keep a heading with the start of what follows it.
    const double keep = std::holds_alternative<Heading>(b) ? 120 : 0;
    if (y > 0 && y + h + keep > height) newPage();
    pages.back().blocks.push_back({i, y, h, 0, 0, false});
    y += h + (std::holds_alternative<Heading>(b) ? 4 : kGap);
  }
  if (pages.size() > 1 && pages.back().blocks.empty()) pages.pop_back();
  return pages;
}

int ReportRenderer::render(QPagedPaintDevice& device, const Feedback& feedback) const {
  const double scale = device.logicalDpiX() / 96.0;
  const QRect paint = device.pageLayout().paintRectPixels(device.logicalDpiX());
  const QRectF page(0, 0, paint.width() / scale, paint.height() / scale);
  const QRectF content(page.left(), page.top() + kHeaderPx, page.width(), page.height() - kHeaderPx - kFooterPx);
  if (content.width() < 200 || content.height() < 200)
    throw Error("the page is too small for a report: choose A4 or Letter with normal margins");
  const auto pages = paginate(content.width(), content.height());
  QPainter painter;
  if (!painter.begin(&device)) throw Error("cannot paint on the output device (is the file writable?)");
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  const int count = static_cast<int>(pages.size());
  for (int p = 0; p < count; ++p) {
    if (feedback.cancelled()) {
      painter.end();
      throw Cancelled();
    }
    if (p > 0) device.newPage();
    painter.save();
    painter.scale(scale, scale);
    paintPage(painter, pages[static_cast<std::size_t>(p)], content, p + 1, count);
    painter.restore();
    feedback.report(double(p + 1) / count, "page " + std::to_string(p + 1) + " of " + std::to_string(count));
  }
  painter.end();
  return count;
}

int ReportRenderer::writePdf(const QString& path, PaperSize paper, const Feedback& feedback) const {
  QPdfWriter writer(path);
  writer.setResolution(600);
  writer.setCreator("fabkit");
  writer.setTitle(doc_.title);
  writer.setPageLayout(QPageLayout(pageSizeOf(paper), QPageLayout::Portrait,
                                   QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
  const int pages = render(writer, feedback);
  return pages;
}

void ReportRenderer::paintPage(QPainter& painter, const PageLayout& page, const QRectF& content, int number,
                               int count) const {
  // Header: report title left, workspace right, a rule under both.
  const double headerBase = content.top() - 8;
  painter.setPen(kGrey);
  painter.setFont(font(kSmallPx, true));
  const QRectF header(content.left(), content.top() - kHeaderPx, content.width(), kHeaderPx - 8);
  painter.drawText(header, Qt::AlignLeft | Qt::AlignBottom, doc_.title);
  painter.setFont(font(kSmallPx));
  painter.drawText(header, Qt::AlignRight | Qt::AlignBottom, doc_.workspace);
  painter.setPen(QPen(kRule, 0.6));
  painter.drawLine(QPointF(content.left(), headerBase + 3), QPointF(content.right(), headerBase + 3));
  // Footer: date left, page n of m right.
  const QRectF footer(content.left(), content.bottom() + 6, content.width(), kFooterPx - 6);
  painter.drawLine(QPointF(content.left(), content.bottom() + 4), QPointF(content.right(), content.bottom() + 4));
  painter.setPen(kGrey);
  painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, doc_.generated);
  painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, QString("page %1 of %2").arg(number).arg(count));

  if (page.titleBlock) paintTitleBlock(painter, QRectF(content.left(), content.top(), content.width(), kTitleBlockPx));
  for (const auto& placed : page.blocks) {
    const QRectF area(content.left(), content.top() + placed.top, content.width(), placed.height);
    const Block& b = doc_.blocks[placed.block];
    painter.setPen(kText);
    if (const auto* h = std::get_if<Heading>(&b)) {
      painter.setFont(font(h->level == 1 ? kH1Px : kH2Px, true));
      painter.setPen(h->level == 1 ? QColor(20, 50, 100) : kText);
      painter.drawText(area, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, h->text);
      if (h->level == 1) {
        painter.setPen(QPen(QColor(20, 50, 100), 1.0));
        painter.drawLine(QPointF(area.left(), area.bottom() - 2), QPointF(area.right(), area.bottom() - 2));
      }
    } else if (const auto* p = std::get_if<Paragraph>(&b)) {
      painter.setFont(font(p->small ? kSmallPx : kBodyPx));
      if (p->small) painter.setPen(kGrey);
      painter.drawText(area, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, p->text);
    } else if (const auto* t = std::get_if<Table>(&b)) {
      paintTable(painter, *t, placed, area);
    } else if (const auto* f = std::get_if<Figure>(&b)) {
      paintFigure(painter, *f, area);
    }
  }
}

void ReportRenderer::paintTitleBlock(QPainter& painter, const QRectF& area) const {
  painter.setPen(QColor(20, 50, 100));
  painter.setFont(font(kTitlePx, true));
  const QRectF titleRect(area.left(), area.top() + 4, area.width(), kTitlePx * 1.4);
  painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, doc_.title);
  painter.setPen(kText);
  painter.setFont(font(kBodyPx));
  const QString lines = doc_.subtitle + "\nworkspace " + doc_.workspace + " · generated " + doc_.generated;
  painter.drawText(QRectF(area.left(), titleRect.bottom() + 4, area.width(), area.bottom() - titleRect.bottom() - 4),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, lines);
  painter.setPen(QPen(QColor(20, 50, 100), 2.0));
  painter.drawLine(QPointF(area.left(), area.bottom() - 6), QPointF(area.right(), area.bottom() - 6));
}

void ReportRenderer::paintTable(QPainter& painter, const Table& t, const PlacedBlock& placed,
                                const QRectF& area) const {
  const auto widths = columnWidths(t, area.width());
  double y = area.top();
  if (!t.caption.isEmpty()) {
    painter.setFont(font(kBodyPx, true));
    painter.setPen(kText);
    const QString caption = placed.continued ? t.caption + " (continued)" : t.caption;
    painter.drawText(QRectF(area.left(), y, area.width(), 1e4), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                     caption);
    y += captionHeight(t.caption, area.width());
  }
  auto drawRow = [&](std::size_t row, bool header) {
    const double h = rowHeight(t, header ? static_cast<std::size_t>(-1) : row, area.width());
    if (header) painter.fillRect(QRectF(area.left(), y, area.width(), h), kHeaderFill);
    double x = area.left();
    for (std::size_t c = 0; c < widths.size(); ++c) {
      TableCell cell;
      if (header)
        cell = {t.headers[static_cast<int>(c)], std::nullopt, true};
      else if (c < t.rows[row].size())
        cell = t.rows[row][c];
      QRectF box(x + kCellPad, y + kCellPad, widths[c] - 2 * kCellPad, h - 2 * kCellPad);
      if (cell.light) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(*cell.light);
        painter.drawEllipse(QRectF(box.left(), box.top() + 2, kLightPx, kLightPx));
        painter.setBrush(Qt::NoBrush);
        box.setLeft(box.left() + kLightPx + 4);
      }
      const bool right = c < t.alignRight.size() && t.alignRight[c];
      painter.setPen(kText);
      painter.setFont(font(kTablePx, cell.bold));
      painter.drawText(box, Qt::TextWordWrap | Qt::AlignTop | (right ? Qt::AlignRight : Qt::AlignLeft), cell.text);
      x += widths[c];
    }
    painter.setPen(QPen(header ? kRule : QColor(215, 215, 215), header ? 0.8 : 0.5));
    painter.drawLine(QPointF(area.left(), y + h), QPointF(area.right(), y + h));
    y += h;
  };
  drawRow(0, true);
  for (std::size_t r = placed.firstRow; r < placed.lastRow; ++r) drawRow(r, false);
}

void ReportRenderer::paintFigure(QPainter& painter, const Figure& f, const QRectF& area) const {
  const double capH = captionHeight(f.caption, area.width());
  const double h = area.height() - capH;
  const std::size_t n = std::max<std::size_t>(1, f.charts.size());
  const double w = area.width() / double(n);
  for (std::size_t i = 0; i < f.charts.size(); ++i) {
    if (!f.charts[i]) continue;
    const QRectF box(area.left() + double(i) * w, area.top(), w, h);
    painter.save();
    painter.setClipRect(box);
    f.charts[i]->paint(painter, box);
    painter.restore();
  }
  if (!f.caption.isEmpty()) {
    painter.setFont(font(kSmallPx));
    painter.setPen(kGrey);
    painter.drawText(QRectF(area.left(), area.top() + h + 2, area.width(), capH), Qt::TextWordWrap | Qt::AlignLeft,
                     f.caption);
  }
}

}  // namespace fab::ui::report

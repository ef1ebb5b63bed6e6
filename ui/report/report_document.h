#pragma once
// A printable report as data: a title block, then blocks in reading order
// (headings, paragraphs, tables, figures, page breaks). Builders fill it from
// analysis results; ReportRenderer lays it out on pages and paints it. The
// document knows nothing about pages, devices or resolution.
#include <QColor>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "ui/chart/chart_painter.h"

namespace fab::ui::report {

struct Heading {
  QString text;
  int level = 1;  ///< 1: section (a new parameter, a lot), 2: subsection
};

struct Paragraph {
  QString text;
  bool small = false;  ///< notes and footnotes: smaller, grey
};

/// One table cell: text, optionally with a coloured dot before it (a traffic
/// light) so the status reads on a colour print and, by its text, on a grey one.
struct TableCell {
  TableCell(QString text = {}, std::optional<QColor> light = std::nullopt, bool bold = false)
      : text(std::move(text)), light(light), bold(bold) {}
  TableCell(const char* text) : text(QString::fromUtf8(text)) {}
  QString text;
  std::optional<QColor> light;
  bool bold = false;
};

/// A table with a header row. Rows never split; a table longer than the rest
/// of a page continues on the next with its header repeated.
struct Table {
  QStringList headers;
  std::vector<std::vector<TableCell>> rows;
  std::vector<double> columnWeights;  ///< relative widths; empty = equal
  std::vector<bool> alignRight;       ///< per column (numbers); empty = all left
  QString caption;                    ///< drawn above the table
};

/// A figure: one or more chart-layer painters side by side across the text
/// width at `height` logical pixels (96 dpi), with a caption below. Drawn as
/// vectors through the same paint() the screen uses; never split across pages.
struct Figure {
  std::vector<std::shared_ptr<const chart::ChartPainter>> charts;
  double height = 300;
  QString caption;
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, Table, Figure, PageBreak>;

struct ReportDocument {
  QString title;      ///< "SPC report", in the title block and every page header
  QString subtitle;   ///< scope: parameters, lots, date range
  QString workspace;  ///< workspace file name, in every page header
  QString generated;  ///< date and time the analysis ran, in every page footer
  std::vector<Block> blocks;

  void heading(const QString& text, int level = 1) { blocks.emplace_back(Heading{text, level}); }
  void paragraph(const QString& text, bool small = false) { blocks.emplace_back(Paragraph{text, small}); }
  void table(Table t) { blocks.emplace_back(std::move(t)); }
  void figure(Figure f) { blocks.emplace_back(std::move(f)); }
  void pageBreak() { blocks.emplace_back(PageBreak{}); }
};

/// Traffic-light colours shared by the report builders.
QColor lightGreen();
QColor lightAmber();
QColor lightRed();

}  // namespace fab::ui::report

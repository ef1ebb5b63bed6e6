#pragma once
// Small helpers shared by the classifier view's two pages (classifier_view.cpp:
// training and comparison; classify_lot_page.cpp: classifying a lot's wafers).
#include <QStandardItem>
#include <QString>
#include <QTableWidget>
#include <QVariant>

#include <cmath>
#include <memory>
#include <string>

#include "core/store/dies.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::classifier::detail {

constexpr int kSortRole = Qt::UserRole;
constexpr int kRowRole = Qt::UserRole + 1;  ///< index into the classification's rows

inline QString pct(double v, int decimals = 1) {
  return std::isfinite(v) ? QString::number(100.0 * v, 'f', decimals) + " %" : QString("—");
}
inline QString ms(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QString("—"); }
inline QString qs(const std::string& s) { return QString::fromStdString(s); }

inline QStandardItem* item(const QString& text, const QVariant& sortValue, bool right = false) {
  auto* i = new QStandardItem(text);
  i->setData(sortValue, kSortRole);
  i->setEditable(false);
  if (right) i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return i;
}

inline void setCell(QTableWidget* t, int row, int column, const QString& text, bool right = true) {
  auto* i = new QTableWidgetItem(text);
  if (right) i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  t->setItem(row, column, i);
}

/// A wafer without a product layout: dies drawn square on a 300 mm disc just wide enough for the grid.
inline std::shared_ptr<chart::WaferMapModel> plainWaferMap(const store::WaferDies& w) {
  auto m = std::make_shared<chart::WaferMapModel>();
  m->colouring = chart::WaferMapModel::Colouring::PassFail;
  int minX = 0, maxX = 0, minY = 0, maxY = 0;
  for (std::size_t i = 0; i < w.dies.size(); ++i) {
    const auto& d = w.dies[i];
    minX = i ? std::min(minX, d.x) : d.x, maxX = i ? std::max(maxX, d.x) : d.x;
    minY = i ? std::min(minY, d.y) : d.y, maxY = i ? std::max(maxY, d.y) : d.y;
    chart::WaferMapModel::Die die;
    die.x = d.x, die.y = d.y, die.bin = d.bin, die.pass = d.pass, die.row = static_cast<std::int64_t>(i);
    m->dies.push_back(die);
  }
  const int span = std::max(maxX - minX, maxY - minY) + 1;
  m->diameterMm = 300;
  m->edgeExclusionMm = 0;
  m->dieWidthMm = m->dieHeightMm = 300.0 / (span + 1);
  return m;
}

}  // namespace fab::ui::classifier::detail

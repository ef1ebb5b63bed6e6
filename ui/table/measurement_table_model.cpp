#include "ui/table/measurement_table_model.h"

#include <QColor>
#include <QDateTime>

#include <cmath>
#include <limits>

namespace fab::ui {
namespace {

using store::MeasurementColumn;

QVariant number(double v) { return std::isnan(v) ? QVariant() : QVariant(QString::number(v, 'g', 10)); }

bool isNumeric(MeasurementColumn c) {
  return c == MeasurementColumn::Wafer || c == MeasurementColumn::X || c == MeasurementColumn::Y ||
         c == MeasurementColumn::Value || c == MeasurementColumn::Batch;
}

QVariant cell(const store::MeasurementRow& r, MeasurementColumn c) {
  switch (c) {
    case MeasurementColumn::Parameter:
      return QString::fromStdString(r.parameter);
    case MeasurementColumn::Lot:
      return QString::fromStdString(r.lot);
    case MeasurementColumn::Wafer:
      return r.wafer ? QVariant(r.wafer) : QVariant();
    case MeasurementColumn::Site:
      return QString::fromStdString(r.site);
    case MeasurementColumn::X:
      return number(r.x);
    case MeasurementColumn::Y:
      return number(r.y);
    case MeasurementColumn::Value:
      return number(r.value);
    case MeasurementColumn::Unit:
      return QString::fromStdString(r.unit);
    case MeasurementColumn::Time:
      return r.time ? QVariant(QDateTime::fromMSecsSinceEpoch(r.time, Qt::UTC).toString("yyyy-MM-dd hh:mm:ss"))
                    : QVariant();
    case MeasurementColumn::Tool:
      return QString::fromStdString(r.tool);
    case MeasurementColumn::Batch:
      return QVariant(static_cast<qlonglong>(r.batch));
  }
  return {};
}

}  // namespace

MeasurementTableModel::MeasurementTableModel(const QString& workspacePath, const store::MeasurementQuery& query,
                                             QObject* parent)
    : QAbstractTableModel(parent),
      db_(std::make_unique<store::Database>(workspacePath.toStdString(), store::Database::Mode::ReadOnly)),
      query_(query) {
  refresh();
}

MeasurementTableModel::~MeasurementTableModel() = default;

void MeasurementTableModel::setQuery(const store::MeasurementQuery& query) {
  query_ = query;
  refresh();
}

void MeasurementTableModel::refresh() {
  beginResetModel();
  pages_.clear();
  lru_.clear();
  cursors_.clear();
  total_ = store::countMeasurements(*db_, query_);
  endResetModel();
  emit rowCountChanged(total_);
}

void MeasurementTableModel::evictIfNeeded() const {
  while (static_cast<int>(pages_.size()) > kMaxCachedPages) {
    pages_.erase(lru_.back());
    lru_.pop_back();
  }
}

const MeasurementTableModel::Page& MeasurementTableModel::page(int index) const {
  if (auto it = pages_.find(index); it != pages_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second;
  }
  // Continue from the nearest known cursor before the page; skip the pages between.
  std::optional<store::PageCursor> from;
  int fromPage = 0;  // the first page the cursor leads to
  if (auto it = cursors_.lower_bound(index); it != cursors_.begin()) {
    --it;
    from = it->second;
    fromPage = it->first + 1;
  }
  const auto skip = static_cast<std::size_t>(index - fromPage) * kPageSize;
  auto result = store::fetchMeasurementPage(*db_, query_, from, kPageSize, skip);
  ++pagesFetched_;
  if (result.next) cursors_[index] = *result.next;
  lru_.push_front(index);
  auto& page = pages_[index];
  page.rows = std::move(result.rows);
  page.lru = lru_.begin();
  evictIfNeeded();
  return pages_.at(index);
}

const store::MeasurementRow& MeasurementTableModel::rowAt(int row) const {
  const Page& p = page(row / kPageSize);
  const auto offset = static_cast<std::size_t>(row % kPageSize);
  static const store::MeasurementRow empty{};
  // The table changed under the count (a concurrent import): show an empty row until refresh().
  return offset < p.rows.size() ? p.rows[offset] : empty;
}

int MeasurementTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(std::min<qint64>(total_, std::numeric_limits<int>::max()));
}

int MeasurementTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : store::kMeasurementColumnCount;
}

QVariant MeasurementTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto column = static_cast<MeasurementColumn>(index.column());
  switch (role) {
    case Qt::DisplayRole:
      return cell(rowAt(index.row()), column);
    case Qt::TextAlignmentRole:
      return QVariant::fromValue(isNumeric(column) ? Qt::AlignRight | Qt::AlignVCenter
                                                   : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
      if (column == MeasurementColumn::Value && std::isnan(rowAt(index.row()).value))
        return tr("no value in the export");
      return {};
    default:
      return {};
  }
}

QVariant MeasurementTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  if (section < 0 || section >= store::kMeasurementColumnCount) return {};
  return QString(store::measurementColumnName(static_cast<MeasurementColumn>(section)));
}

void MeasurementTableModel::sort(int column, Qt::SortOrder order) {
  store::MeasurementQuery q = query_;
  q.sortBy = column >= 0 && column < store::kMeasurementColumnCount
                 ? std::optional<MeasurementColumn>(static_cast<MeasurementColumn>(column))
                 : std::nullopt;
  q.descending = order == Qt::DescendingOrder;
  beginResetModel();
  query_ = q;
  pages_.clear();
  lru_.clear();
  cursors_.clear();
  endResetModel();
}

}  // namespace fab::ui

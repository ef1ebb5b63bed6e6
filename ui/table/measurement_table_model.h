#pragma once
// A table model over the workspace's measurement table that never holds more
// than a window of it: rows are read in pages of `pageSize` through keyset
// pagination (core/store/table_page.h) as the view asks for them, at most
// `maxCachedPages` pages are kept, and the row count comes from a COUNT query.
// Sorting and filtering are done by the SQL query. The model has its own
// read-only connection to the workspace (WAL lets it read while an import writes).
#include <QAbstractTableModel>

#include <list>
#include <map>
#include <memory>
#include <optional>

#include "core/store/database.h"
#include "core/store/table_page.h"

namespace fab::ui {

class MeasurementTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  static constexpr int kPageSize = 256;
  static constexpr int kMaxCachedPages = 16;

  /// Opens a read-only connection to the workspace file and counts the rows of
  /// `query`. Throws fab::Error when the workspace cannot be read.
  explicit MeasurementTableModel(const QString& workspacePath, const store::MeasurementQuery& query = {},
                                 QObject* parent = nullptr);
  ~MeasurementTableModel() override;

  /// New filters and sort: counts the rows and drops the cached pages.
  void setQuery(const store::MeasurementQuery& query);
  const store::MeasurementQuery& query() const { return query_; }
  /// Re-reads the count and pages (after an import changed the table).
  void refresh();
  /// The row at `row` (reading its page when needed).
  const store::MeasurementRow& rowAt(int row) const;
  /// Pages read from the database so far (for tests and diagnostics).
  int pagesFetched() const { return pagesFetched_; }
  int cachedPages() const { return static_cast<int>(pages_.size()); }
  store::Database& database() { return *db_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  /// Column −1 returns to storage order.
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

 signals:
  void rowCountChanged(qint64 rows);

 private:
  struct Page {
    std::vector<store::MeasurementRow> rows;
    std::list<int>::iterator lru;
  };
  const Page& page(int index) const;
  void evictIfNeeded() const;

  std::unique_ptr<store::Database> db_;
  store::MeasurementQuery query_;
  qint64 total_ = 0;
  // The cache is filled lazily from const data(): hence mutable.
  mutable std::map<int, Page> pages_;
  mutable std::list<int> lru_;  ///< most recently used first
  /// cursors_[k] continues after page k; page k+1 is read from it without a scan.
  mutable std::map<int, store::PageCursor> cursors_;
  mutable int pagesFetched_ = 0;
};

}  // namespace fab::ui

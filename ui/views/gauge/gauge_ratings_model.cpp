#include "ui/views/gauge/gauge_ratings_model.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "core/io/field_parse.h"

namespace fab::ui::gauge {

/// One undo step: the whole rating list before and after (studies are small).
class RatingsSnapshotCommand : public QUndoCommand {
 public:
  RatingsSnapshotCommand(GaugeRatingsModel* model, std::vector<msa::GaugeRating> before,
                         std::vector<msa::GaugeRating> after, const QString& text)
      : QUndoCommand(text), model_(model), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { model_->restore(before_); }
  void redo() override { model_->restore(after_); }

 private:
  GaugeRatingsModel* model_;
  std::vector<msa::GaugeRating> before_, after_;
};

namespace {

bool blank(const msa::GaugeRating& r) {
  return r.part.empty() && r.appraiser.empty() && !r.value && r.category.empty() && r.reference.empty();
}

QString formatValue(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return QString::fromLatin1(buffer);
}

}  // namespace

GaugeRatingsModel::GaugeRatingsModel(QObject* parent) : QAbstractTableModel(parent), undo_(new QUndoStack(this)) {}

bool GaugeRatingsModel::setKind(msa::GaugeStudyKind kind) {
  if (kind == kind_) return true;
  std::vector<msa::GaugeRating> converted = ratings_;
  for (auto& r : converted) {
    if (kind == msa::GaugeStudyKind::Variables) {
      if (r.category.empty() || io::isMissing(r.category)) {
        r.value.reset();
      } else {
        const auto v = io::parseNumber(r.category);
        if (!v) return false;
        r.value = v;
      }
      r.category.clear();
    } else {
      r.category = r.value ? formatValue(*r.value).toStdString() : std::string();
      r.value.reset();
    }
  }
  beginResetModel();
  kind_ = kind;
  ratings_ = std::move(converted);
  endResetModel();
  undo_->clear();
  emit ratingsChanged();
  return true;
}

void GaugeRatingsModel::setRatings(std::vector<msa::GaugeRating> ratings) {
  undo_->clear();
  restore(ratings);
}

std::vector<msa::GaugeRating> GaugeRatingsModel::filledRatings() const {
  std::vector<msa::GaugeRating> out;
  std::copy_if(ratings_.begin(), ratings_.end(), std::back_inserter(out),
               [](const msa::GaugeRating& r) { return !blank(r); });
  return out;
}

void GaugeRatingsModel::restore(const std::vector<msa::GaugeRating>& ratings) {
  beginResetModel();
  ratings_ = ratings;
  endResetModel();
  emit ratingsChanged();
}

void GaugeRatingsModel::pushChange(std::vector<msa::GaugeRating> after, const QString& text) {
  // Trailing blank rows are dropped: the grid always shows one for new ratings.
  while (!after.empty() && blank(after.back())) after.pop_back();
  undo_->push(new RatingsSnapshotCommand(this, ratings_, std::move(after), text));
}

int GaugeRatingsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(ratings_.size()) + 1;
}

int GaugeRatingsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumns; }

QString GaugeRatingsModel::cellText(const msa::GaugeRating& r, int column) const {
  switch (column) {
    case kPart:
      return QString::fromStdString(r.part);
    case kAppraiser:
      return QString::fromStdString(r.appraiser);
    case kTrial:
      return blank(r) ? QString() : QString::number(r.trial);
    case kValue:
      if (kind_ == msa::GaugeStudyKind::Variables) return r.value ? formatValue(*r.value) : QString();
      return QString::fromStdString(r.category);
    case kReference:
      return QString::fromStdString(r.reference);
  }
  return {};
}

QVariant GaugeRatingsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(ratings_.size())) return {};
  const auto& r = ratings_[static_cast<std::size_t>(index.row())];
  if (role == Qt::DisplayRole || role == Qt::EditRole) return cellText(r, index.column());
  if (role == Qt::TextAlignmentRole &&
      (index.column() == kTrial || (index.column() == kValue && kind_ == msa::GaugeStudyKind::Variables)))
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant GaugeRatingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical)
    return section < static_cast<int>(ratings_.size()) ? QString::number(section + 1) : "*";
  switch (section) {
    case kPart:
      return tr("Part");
    case kAppraiser:
      return tr("Appraiser");
    case kTrial:
      return tr("Trial");
    case kValue:
      return kind_ == msa::GaugeStudyKind::Variables ? tr("Measurement") : tr("Rating");
    case kReference:
      return kind_ == msa::GaugeStudyKind::Variables ? tr("Reference") : tr("Standard");
  }
  return {};
}

Qt::ItemFlags GaugeRatingsModel::flags(const QModelIndex& index) const {
  return index.isValid() ? Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable : Qt::NoItemFlags;
}

bool GaugeRatingsModel::writeCell(std::vector<msa::GaugeRating>& ratings, int row, int column, const QString& text,
                                  QString* error) const {
  if (row < 0 || column < 0 || column >= kColumns) return false;
  if (row >= static_cast<int>(ratings.size())) ratings.resize(static_cast<std::size_t>(row) + 1);
  auto& r = ratings[static_cast<std::size_t>(row)];
  const std::string s = text.trimmed().toStdString();
  auto refuse = [&](const QString& why) {
    if (error && error->isEmpty())
      *error =
          tr("row %1, %2: %3").arg(row + 1).arg(headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(), why);
    return false;
  };
  switch (column) {
    case kPart:
      r.part = s;
      return true;
    case kAppraiser:
      r.appraiser = s;
      return true;
    case kTrial: {
      if (s.empty()) {
        r.trial = 1;
        return true;
      }
      const auto t = io::parseInteger(s);
      if (!t || *t < 1 || *t > 1000000) return refuse(tr("“%1” is not a trial number (1, 2, …)").arg(text));
      r.trial = static_cast<int>(*t);
      return true;
    }
    case kValue:
      if (kind_ == msa::GaugeStudyKind::Attribute) {
        r.category = s;
        return true;
      }
      if (s.empty() || io::isMissing(s)) {
        r.value.reset();
        return true;
      }
      if (const auto v = io::parseNumber(s)) {
        r.value = v;
        return true;
      }
      return refuse(tr("“%1” is not a number").arg(text));
    case kReference:
      r.reference = s;
      return true;
  }
  return false;
}

bool GaugeRatingsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole) return false;
  if (value.toString() == data(index, Qt::EditRole).toString()) return true;
  auto after = ratings_;
  if (!writeCell(after, index.row(), index.column(), value.toString(), nullptr)) return false;
  pushChange(std::move(after),
             tr("Edit %1").arg(headerData(index.column(), Qt::Horizontal, Qt::DisplayRole).toString()));
  return true;
}

int GaugeRatingsModel::pasteText(const QString& text, int row, int column, QString* error) {
  QStringList lines = text.split('\n');
  for (auto& line : lines)
    if (line.endsWith('\r')) line.chop(1);
  while (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
  if (!lines.isEmpty()) {
    // A header line copied with the block: its cells repeat the column titles.
    const QStringList first = lines.front().split('\t');
    bool header = true;
    for (int c = 0; c < first.size() && header; ++c) {
      const QString title = headerData(column + c, Qt::Horizontal, Qt::DisplayRole).toString();
      header = !title.isEmpty() && first[c].trimmed().compare(title, Qt::CaseInsensitive) == 0;
    }
    if (header) lines.removeFirst();
  }
  if (lines.isEmpty()) return 0;
  auto after = ratings_;
  int refused = 0;
  for (int i = 0; i < lines.size(); ++i) {
    const QStringList cells = lines[i].split('\t');
    for (int c = 0; c < cells.size() && column + c < kColumns; ++c)
      if (!writeCell(after, row + i, column + c, cells[c], error)) ++refused;
  }
  pushChange(std::move(after), tr("Paste %1 rows").arg(lines.size()));
  return refused;
}

void GaugeRatingsModel::clearCells(const QModelIndexList& cells) {
  auto after = ratings_;
  for (const auto& index : cells)
    if (index.row() < static_cast<int>(after.size())) writeCell(after, index.row(), index.column(), QString(), nullptr);
  pushChange(std::move(after), tr("Clear cells"));
}

}  // namespace fab::ui::gauge

#include "core/io/row_base.h"

namespace fab::io {

RowBase::RowBase(ImportBatch& batch, const ColumnMapping& mapping, const std::vector<std::string>& header,
                 const FieldFormat& format)
    : RowChecks(mapping, header, format, [&batch](ImportProblem p) { batch.reject(std::move(p)); }),
      batch_(batch),
      lots_(batch.db(), "lot"),
      setProduct_(batch.db().prepare("UPDATE lot SET product = ? WHERE id = ? AND product IS NULL")),
      insertWafer_(batch.db().prepare("INSERT INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {}

std::int64_t RowBase::lotId(std::string_view lot, std::string_view product) {
  const auto id = lots_.idOf(lot);
  if (!product.empty() && !lotsWithProduct_.count(id)) {
    lotsWithProduct_.insert(id);
    setProduct_.bind(1, product).bind(2, id).run();
  }
  return id;
}

bool RowBase::waferSlot(const CsvRecord& r, std::int64_t lot, int& slot) {
  std::optional<int> given;
  std::string_view scribe;
  if (!RowChecks::waferSlot(r, given, scribe)) return false;
  slot = given.value_or(0);
  if (given && !wafersSeen_.count({lot, slot})) {  // count() first: emplace would allocate a node for every row
    wafersSeen_.insert({lot, slot});
    insertWafer_.bind(1, lot).bind(2, slot);
    if (scribe.empty())
      insertWafer_.bindNull(3);
    else
      insertWafer_.bind(3, scribe);
    insertWafer_.run();
  }
  return true;
}

}  // namespace fab::io

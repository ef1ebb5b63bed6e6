#include "core/io/klarf_import.h"

#include <cctype>
#include <cmath>
#include <optional>
#include <set>

#include "core/common/error.h"
#include "core/defect/klarf.h"
#include "core/defect/klarf_overlay.h"
#include "core/store/dies.h"
#include "core/store/name_ids.h"
#include "core/wafer/die_frame.h"

namespace fab::io {
namespace {

/// Slot: the Slot record, else the trailing digits of the wafer id, else 0.
int slotOf(const defect::KlarfWafer& w) {
  if (w.slot) return w.slot;
  std::size_t end = w.waferId.size(), start = end;
  while (start > 0 && std::isdigit(static_cast<unsigned char>(w.waferId[start - 1]))) --start;
  if (start == end || end - start > 6) return 0;
  return std::stoi(w.waferId.substr(start));
}

std::optional<wafer::DieFrame> productFrameOf(store::Database& db, std::int64_t lotId, std::string& product,
                                              std::vector<std::string>& notes) {
  auto q = db.prepare("SELECT coalesce(product, '') FROM lot WHERE id = ?");
  q.bind(1, lotId);
  product = q.step() ? q.text(0) : "";
  if (product.empty()) {
    notes.push_back("the lot has no product: die indices are left empty (positions are kept)");
    return std::nullopt;
  }
  const auto p = store::loadProduct(db, product);
  if (!p) {
    notes.push_back("product '" + product +
                    "' has no layout in the workspace: die indices are left empty (positions are kept)");
    return std::nullopt;
  }
  try {
    return wafer::productDieFrame(wafer::layoutFromProduct(*p));
  } catch (const Error& e) {
    notes.push_back(std::string("die indices left empty: ") + e.what());
    return std::nullopt;
  }
}

/// Writes one inspection per KLARF wafer with the dies of its SampleTestPlan:
/// the cell centre in the wafer frame and, when the product layout is known,
/// the product's die index (convertDie from the file's die frame).
class InspectionWriter {
 public:
  InspectionWriter(store::Database& db, std::int64_t batchId, std::int64_t lotId, const std::string& layer)
      : batchId_(batchId),
        lotId_(lotId),
        layer_(layer),
        insertInspection_(
            db.prepare("INSERT INTO inspection(batch_id, lot_id, wafer, layer, whole_wafer) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(lot_id, wafer, layer, batch_id) DO UPDATE SET whole_wafer = CASE WHEN "
                       "excluded.whole_wafer > inspection.whole_wafer THEN excluded.whole_wafer ELSE "
                       "inspection.whole_wafer END "
                       "RETURNING id")),
        insertDie_(db.prepare(
            "INSERT INTO inspected_die(inspection_id, source_x, source_y, x_um, y_um, die_x, die_y) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {}

  void record(int slot, const defect::KlarfWafer& w, const std::optional<wafer::DieFrame>& product) {
    insertInspection_.bind(1, batchId_).bind(2, lotId_).bind(3, slot).bind(4, layer_);
    insertInspection_.bind(5, std::int64_t{w.sampleTestPlan.empty()});
    insertInspection_.step();
    const std::int64_t id = insertInspection_.integer(0);
    insertInspection_.reset();
    if (w.sampleTestPlan.empty()) return;
    const wafer::DieFrame klarf = wafer::klarfDieFrame(w.placement);
    for (const auto& d : defect::placeTestPlan(w)) {
      insertDie_.bind(1, id).bind(2, d.klarfDie.x).bind(3, d.klarfDie.y).bind(4, d.centre.x).bind(5, d.centre.y);
      if (product) {
        const auto die = wafer::convertDie(klarf, *product, d.klarfDie);
        insertDie_.bind(6, die.x).bind(7, die.y);
      } else {
        insertDie_.bindNull(6).bindNull(7);
      }
      insertDie_.run();
    }
  }

 private:
  std::int64_t batchId_, lotId_;
  std::string layer_;
  store::Statement insertInspection_, insertDie_;
};

/// What the kill ratios will count as inspected on this wafer.
std::string inspectionNote(const defect::KlarfWafer& w) {
  if (w.sampleTestPlan.empty())
    return "wafer '" + w.waferId + "': no SampleTestPlan, so every die of the wafer counts as inspected";
  std::set<wafer::DieIndex> plan(w.sampleTestPlan.begin(), w.sampleTestPlan.end());
  std::size_t outside = 0;
  for (const auto& d : defect::placeKlarfDefects(w)) outside += plan.count(d.klarfDie) ? 0 : 1;
  std::string note = "wafer '" + w.waferId + "': the SampleTestPlan lists " + std::to_string(plan.size()) +
                     " inspected dies; kill ratios count only those";
  if (outside) note += " (" + std::to_string(outside) + " defect(s) lie on dies outside it and are left out)";
  return note;
}

}  // namespace

ImportReport importKlarf(store::Workspace& ws, const std::string& path, const BatchOptions& options,
                         const Feedback& feedback) {
  const defect::KlarfFile file = defect::readKlarf(path);
  if (file.lotId.empty()) throw Error(path + ": the KLARF file has no LotID");
  ImportBatch batch(ws, path, "klarf", options);
  auto& db = batch.db();
  store::NameIds lots(db, "lot");
  const std::int64_t lotId = lots.idOf(file.lotId);
  if (!file.deviceId.empty())
    db.prepare("UPDATE lot SET product = ? WHERE id = ? AND product IS NULL")
        .bind(1, file.deviceId)
        .bind(2, lotId)
        .run();
  std::string product;
  std::vector<std::string> notes;
  const auto frame = productFrameOf(db, lotId, product, notes);
  for (auto& n : notes) batch.note(std::move(n));
  for (const auto& n : file.notes) batch.note(n);  // what the reader accepted with a remark

  auto insertWafer = db.prepare("INSERT INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  InspectionWriter inspections(db, batch.id(), lotId, file.stepId);
  auto insertDefect = db.prepare(
      "INSERT INTO defect(batch_id, lot_id, wafer, defect_id, x_um, y_um, die_x, die_y, size_um, class, "
      "layer) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  std::size_t total = 0;
  for (const auto& w : file.wafers) total += w.defects.size();
  std::size_t done = 0;
  for (const auto& w : file.wafers) {
    if (feedback.cancelled()) return batch.abort("cancelled", "import cancelled; nothing was stored");
    const int slot = slotOf(w);
    if (!slot) batch.note("wafer '" + w.waferId + "' has no slot number: stored as wafer 0");
    insertWafer.bind(1, lotId).bind(2, slot).bind(3, w.waferId).run();
    batch.counts().defectsWritten(lotId, slot);
    for (const auto& d : defect::placeKlarfDefects(w)) {
      insertDefect.bind(1, batch.id()).bind(2, lotId).bind(3, slot).bind(4, d.defectId);
      insertDefect.bind(5, d.position.x).bind(6, d.position.y);
      if (frame) {
        const auto die = defect::productDie(*frame, d);
        insertDefect.bind(7, die.x).bind(8, die.y);
      } else {
        insertDefect.bindNull(7).bindNull(8);
      }
      if (std::isfinite(d.sizeUm))
        insertDefect.bind(9, d.sizeUm);
      else
        insertDefect.bindNull(9);
      insertDefect.bind(10, d.defectClass).bind(11, file.stepId);
      insertDefect.step();
      insertDefect.reset();
      db.changes() ? batch.rowStored() : batch.rowDuplicate();
      if ((++done & 4095) == 0) {
        feedback.report(static_cast<double>(done) / static_cast<double>(total), "importing defects");
        if (feedback.cancelled()) return batch.abort("cancelled", "import cancelled; nothing was stored");
      }
    }
    if (frame) {
      if (const auto bad = defect::gridMismatches(w, *frame))
        batch.note("wafer '" + w.waferId + "': " + std::to_string(bad) +
                   " defect(s) lie on another die than their KLARF die index says: the die grid of product '" +
                   product + "' does not match the file's (DiePitch, DieOrigin, SampleCenterLocation)");
    }
    inspections.record(slot, w, frame);
    batch.note(inspectionNote(w));
  }
  batch.note(std::to_string(file.wafers.size()) + " wafer(s) of lot '" + file.lotId + "', layer '" + file.stepId + "'");
  feedback.report(1.0, "importing defects");
  return batch.finish();
}

}  // namespace fab::io

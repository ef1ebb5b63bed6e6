#include "core/io/wafer_map_import.h"

#include <filesystem>
#include <map>
#include <set>

#include "core/common/error.h"
#include "core/ml/wm811k_maps.h"
#include "core/store/name_ids.h"

namespace fab::io {

ImportReport importWaferMaps(store::Workspace& ws, const std::string& path, const BatchOptions& options,
                             const Feedback& feedback) {
  const auto maps = ml::readWm811kMaps(path);  // throws naming the line for any bad map
  const std::string fileLot = std::filesystem::path(path).stem().string();

  // Where each map goes; two maps for one wafer would silently merge their dies.
  std::vector<std::pair<std::string, int>> places;
  std::map<std::pair<std::string, int>, std::size_t> lineOf;
  for (const auto& m : maps) {
    std::pair<std::string, int> place{m.lot.empty() ? fileLot : m.lot,
                                      m.waferIndex >= 0 ? m.waferIndex : static_cast<int>(m.line)};
    if (const auto [it, isNew] = lineOf.emplace(place, m.line); !isNew)
      throw Error(path + ":" + std::to_string(m.line) + ": wafer '" + m.map.wafer + "' is lot '" + place.first +
                  "' wafer " + std::to_string(place.second) + ", which line " + std::to_string(it->second) +
                  " already holds");
    places.push_back(std::move(place));
  }

  ImportBatch batch(ws, path, "wafer-maps", options);
  auto& db = batch.db();
  store::NameIds lots(db, "lot");
  auto insertWafer = db.prepare("INSERT OR IGNORE INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?)");
  auto insertDie = db.prepare(
      "INSERT OR IGNORE INTO die(lot_id, wafer, die_x, die_y, bin, pass, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
  std::set<std::string> lotNames;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    if (feedback.cancelled()) return batch.abort("cancelled", "import cancelled; nothing was stored");
    const auto& m = maps[i];
    const auto& [lotName, slot] = places[i];
    lotNames.insert(lotName);
    const auto lotId = lots.idOf(lotName);
    insertWafer.bind(1, lotId).bind(2, slot).bind(3, m.map.wafer).run();
    batch.counts().diesWritten(lotId, slot);
    for (const auto& d : m.map.dies) {
      // The file's rows count down from the top row; the workspace's die_y counts up.
      insertDie.bind(1, lotId).bind(2, slot).bind(3, d.x).bind(4, m.rows - 1 - d.y);
      insertDie.bind(5, d.pass ? kWaferMapPassBin : kWaferMapFailBin).bind(6, std::int64_t{d.pass});
      insertDie.bind(7, batch.id());
      insertDie.step();
      insertDie.reset();
      db.changes() ? batch.rowStored() : batch.rowDuplicate();
    }
    if ((i & 255) == 0) feedback.report(static_cast<double>(i) / static_cast<double>(maps.size()), "importing maps");
  }
  batch.note(std::to_string(maps.size()) + " wafer map(s) in " + std::to_string(lotNames.size()) +
             " lot(s); good dies stored as bin " + std::to_string(kWaferMapPassBin) + ", failing dies as bin " +
             std::to_string(kWaferMapFailBin));
  feedback.report(1.0, "importing maps");
  return batch.finish();
}

}  // namespace fab::io

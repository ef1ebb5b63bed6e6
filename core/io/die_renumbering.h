#pragma once
// Die indices of a sort (bin) map numbered its own way — notch elsewhere, rows
// counting down, another origin — carried into the product's die frame while
// the map is imported, through the one conversion of core/wafer/die_frame.h.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/io/import_batch.h"
#include "core/wafer/die_frame.h"

namespace fab::io {

/// Describes a numbering in words: "notch left, rows down, the product's origin die at (5, 5)".
std::string describeNumbering(const wafer::DieNumbering& numbering);

class DieRenumbering {
 public:
  DieRenumbering(ImportBatch& batch, const wafer::DieNumbering& numbering);

  /// False when the map numbers dies as the product does (nothing to convert).
  bool active() const { return !numbering_.isProducts(); }
  /// The product's index of the map's die `source` on lot `lotId`. Throws
  /// fab::Error "file:line: …" when the lot has no product or the product no
  /// layout (the conversion needs the product's die grid).
  wafer::DieIndex toProduct(std::int64_t lotId, std::string_view lotName, std::int64_t line, wafer::DieIndex source);

 private:
  struct Frames {
    wafer::DieFrame source, product;
  };
  const Frames& framesOf(std::int64_t lotId, std::string_view lotName, std::int64_t line);

  ImportBatch& batch_;
  wafer::DieNumbering numbering_;
  store::Statement productOfLot_;
  std::map<std::int64_t, Frames> lots_;
  std::map<std::string, Frames> products_;
};

}  // namespace fab::io

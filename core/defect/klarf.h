#pragma once
// KLARF 1.2 (KLA results file, text) as plain structs: the lot header, one
// entry per wafer with its DefectRecordSpec column order, defect rows (with
// their IMAGELIST entries), sample test plan and summary.
//
// Grammar read (KLARF 1.2, as tools write it): records are a keyword followed
// by values up to a ';'; values are numbers, bare words or "quoted strings";
// line breaks are plain white space, so one record may span lines (DefectList
// holds all rows of a wafer; a row may itself span lines). Lot-level records
// come first; each WaferID starts a wafer whose records follow it;
// EndOfFile; ends the file. In a DefectList row the IMAGELIST column holds
// IMAGECOUNT pairs (image number, image type) when IMAGECOUNT precedes it in
// the DefectRecordSpec, else a count followed by that many pairs.
// KLARF 1.8 (nested `Record … { Field … }` blocks) is another grammar and is
// refused as an unsupported version.
//
// Units: micrometres (positions, pitch, sizes), µm² (areas).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/wafer/die_frame.h"

namespace fab::defect {

struct KlarfImage {
  int number = 0;
  int type = 0;
  friend bool operator==(const KlarfImage&, const KlarfImage&) = default;
};

struct KlarfDefect {
  std::vector<double> values;      ///< one per DefectRecordSpec column; NaN for NA and for IMAGELIST
  std::vector<KlarfImage> images;  ///< the row's IMAGELIST entries
  std::int64_t line = 0;           ///< line where the row starts
};

struct KlarfWafer {
  std::string waferId;
  int slot = 0;           ///< the Slot record; 0 when absent
  std::int64_t line = 0;  ///< line of its WaferID record
  /// Placement of the die grid (DiePitch, DieOrigin and notch from the lot
  /// header unless the wafer repeats them; SampleCenterLocation).
  wafer::KlarfPlacement placement;
  bool hasSampleCentre = false;
  int inspectionTest = 1;
  std::vector<wafer::DieIndex> sampleTestPlan;  ///< inspected dies, KLARF die indices
  double areaPerTestUm2 = 0;                    ///< 0 when absent
  std::vector<std::string> defectColumns;       ///< DefectRecordSpec names in file order, upper case
  std::vector<KlarfDefect> defects;
  std::vector<std::string> summaryColumns;
  std::vector<std::vector<double>> summaryRows;

  std::optional<std::size_t> column(std::string_view name) const;
  /// A defect's value in a named column; NaN when the column is absent.
  double value(const KlarfDefect& defect, std::string_view name) const;
};

struct KlarfFile {
  int versionMajor = 1, versionMinor = 2;
  std::string fileTimestamp;  ///< as written, e.g. "03-01-26 08:15:30"
  std::string resultTimestamp;
  std::vector<std::string> inspectionStation;
  std::string sampleType = "WAFER";
  std::string lotId, deviceId, stepId, setupId, setupTimestamp;
  double sampleSizeMm = 0;  ///< SampleSize's diameter; 0 when absent
  std::string orientationMarkType = "NOTCH";
  wafer::Notch orientationMark = wafer::Notch::Down;
  double diePitchXUm = 0, diePitchYUm = 0, dieOriginXUm = 0, dieOriginYUm = 0;
  std::vector<std::pair<int, std::string>> classLookup;
  std::vector<KlarfWafer> wafers;
};

/// Parses KLARF text. Throws fab::Error "source:line: message" for an
/// unsupported version, a truncated file (no EndOfFile; a record without its
/// ';'), counts that disagree with their records (DefectRecordSpec, DefectList
/// rows, SampleTestPlan, ClassLookup, SummaryList NDEFECT) or bad values.
KlarfFile parseKlarf(std::string_view text, const std::string& source = "KLARF");
/// Reads and parses a file (fab::Error when it cannot be read).
KlarfFile readKlarf(const std::string& path);

/// Writes KLARF 1.2 text that parseKlarf reads back to the same structs.
std::string writeKlarf(const KlarfFile& file);

}  // namespace fab::defect

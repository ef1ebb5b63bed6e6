#pragma once
// KLARF (KLA results file, text; versions 1.1, 1.2 and 1.8) as plain structs:
// the lot header, one entry per wafer with its DefectRecordSpec column order,
// defect rows (with their IMAGELIST entries), sample test plan and summary.
//
// Grammar of 1.1 and 1.2 (as tools write it): records are a keyword followed
// by values up to a ';'; values are numbers, bare words or "quoted strings";
// line breaks are plain white space, so one record may span lines (DefectList
// holds all rows of a wafer; a row may itself span lines). Lot-level records
// come first; each WaferID starts a wafer whose records follow it;
// EndOfFile; ends the file. A wafer may hold several DefectList records (one
// per TiffFileName); their rows are read in order. In a DefectList row the
// IMAGELIST column holds a count followed by that many (image number, image
// type) pairs, as the Applied Materials ComPlus and ATI WIND tools write it;
// a list that only fits IMAGECOUNT pairs without the count is read so, with a
// note.
// KLARF 1.8 nests `Record name "id" { Field …; List …; Record … }` blocks
// (klarf18_tree.h); its lengths are nanometres, converted on reading.
//
// Units of these structs: micrometres (positions, pitch, sizes), µm² (areas),
// whatever the version of the file.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/wafer/die_frame.h"

namespace fab::defect {

struct KlarfImage {
  int number = 0;                  ///< KLARF 1.2 image number
  int type = 0;                    ///< KLARF 1.2 image type
  std::vector<std::string> entry;  ///< KLARF 1.8: the entry's values as written (file, format, number, label)
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
  /// header unless the wafer repeats them; SampleCenterLocation, else the
  /// centroid of the SampleTestPlan's dies, see klarf_wafer_checks.h).
  wafer::KlarfPlacement placement;
  bool hasSampleCentre = false;  ///< true when the file gives SampleCenterLocation
  int inspectionTest = 1;        ///< the first InspectionTest (TestRecord) of the wafer
  /// Inspected dies, KLARF die indices: the dies of every InspectionTest's plan, each once, in file order.
  std::vector<wafer::DieIndex> sampleTestPlan;
  double areaPerTestUm2 = 0;               ///< the first test's AreaPerTest; 0 when absent
  std::vector<std::string> defectColumns;  ///< DefectRecordSpec names in file order, upper case
  std::vector<std::string>
      defectColumnTypes;  ///< KLARF 1.8 column types (int32, float, string, ImageList…); empty from 1.2
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
  /// Quirks read and accepted, each "line N: …" (a SummaryList that disagrees
  /// with its DefectList, a wafer centre derived from its die grid, …).
  std::vector<std::string> notes;
};

/// Parses KLARF 1.1, 1.2 or 1.8 text (a leading UTF-8 byte order mark is
/// skipped; 1.8 is told by its first word, Record). Throws fab::Error
/// "source:line: message" for an unsupported version, a truncated file (no
/// EndOfFile; a record without its ';' or '}'), counts that disagree with
/// their records (DefectRecordSpec, DefectList rows, SampleTestPlan,
/// ClassLookup, Field and List counts of 1.8) or bad values. A SummaryList
/// whose NDEFECT disagrees with the DefectList is kept as a note.
KlarfFile parseKlarf(std::string_view text, const std::string& source = "KLARF");
/// Reads and parses a file (fab::Error when it cannot be read).
KlarfFile readKlarf(const std::string& path);

/// Writes the file in the grammar of its version (1.8 for versionMinor 8,
/// else 1.2's); parseKlarf reads it back to the same structs.
std::string writeKlarf(const KlarfFile& file);
/// Writes KLARF 1.2 grammar (FileVersion 1 1 or 1 2 as the file says; 1 2 for a 1.8 file).
std::string writeKlarf12(const KlarfFile& file);
/// Writes KLARF 1.8 grammar (lengths in nanometres). A 1.2 image entry keeps
/// only its number; 1.2 column types are int32 where every value is whole, else float.
std::string writeKlarf18(const KlarfFile& file);

}  // namespace fab::defect

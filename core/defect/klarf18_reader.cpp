// KLARF 1.8 reader: the tree of klarf18_tree gathered into the same structs as
// a 1.2 file, lengths converted from nanometres to micrometres. Lot Fields may
// follow the WaferRecords (tools write them in either order), so the wafers'
// placements are completed once the whole LotRecord is read.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <tuple>

#include "core/common/error.h"
#include "core/common/word_case.h"
#include "core/defect/klarf18_tree.h"
#include "core/defect/klarf_wafer_checks.h"
#include "core/io/field_parse.h"

namespace fab::defect::klarf18 {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  KlarfFile read(const Record& fileRecord) {
    if (!sameIgnoringCase(fileRecord.name, "FileRecord"))
      fail(fileRecord.line, "expected Record FileRecord, found Record " + std::string(fileRecord.name));
    version(fileRecord);
    for (const Field& f : fileRecord.fields)
      if (sameIgnoringCase(f.name, "FileTimestamp")) file_.fileTimestamp = joined(f);
    bool lot = false;
    for (const Record& r : fileRecord.records) {
      if (!sameIgnoringCase(r.name, "LotRecord")) continue;
      if (lot) fail(r.line, "a second LotRecord: fabkit reads one lot per KLARF file");
      lot = true;
      lotRecord(r);
    }
    return std::move(file_);
  }

 private:
  [[noreturn]] void fail(std::int64_t line, const std::string& message) const {
    throw Error(source_ + ":" + std::to_string(line) + ": " + message);
  }

  void version(const Record& r) {
    const std::string id(r.id);
    const auto dot = id.find('.');
    const auto major = io::parseInteger(id.substr(0, dot));
    const auto minor = dot == std::string::npos ? std::nullopt : io::parseInteger(id.substr(dot + 1));
    if (!major || !minor || *major != 1 || *minor != 8)
      fail(r.line, "KLARF version \"" + id + "\" is an unsupported version: fabkit reads KLARF 1.1, 1.2 and 1.8");
    file_.versionMajor = 1;
    file_.versionMinor = 8;
  }

  const KlarfToken& first(const Field& f, std::size_t n = 1) const {
    if (f.values.size() < n)
      fail(f.line, "Field " + std::string(f.name) + " needs " + std::to_string(n) + " value" + (n == 1 ? "" : "s"));
    return f.values.front();
  }

  double number(const KlarfToken& t, const std::string& what, bool allowMissing = false) const {
    if (allowMissing && io::isMissing(t.text)) return kNaN;
    const auto v = io::parseNumber(t.text);
    if (!v) fail(t.line, "expected a number for " + what + ", found '" + std::string(t.text) + "'");
    return *v;
  }

  int integer(const KlarfToken& t, const std::string& what) const {
    const double v = number(t, what);
    if (v != std::floor(v) || std::abs(v) > 1e9)
      fail(t.line, "expected a whole number for " + what + ", found '" + std::string(t.text) + "'");
    return static_cast<int>(v);
  }

  /// A Field of two lengths (nm) in µm.
  std::pair<double, double> pair(const Field& f) const {
    first(f, 2);
    const double scale = nanoPerMicro(upperCase(f.name));
    return {number(f.values[0], std::string(f.name)) / scale, number(f.values[1], std::string(f.name)) / scale};
  }

  /// A word-like value (SampleType, NOTCH): no white space or ';' that the 1.2 grammar could not carry.
  std::string word(const KlarfToken& t, const std::string& what) const {
    bool plain = !t.text.empty();
    for (char c : t.text) plain = plain && !std::isspace(static_cast<unsigned char>(c)) && c != ';' && c != '"';
    if (!plain) fail(t.line, what + ": expected a word, found \"" + std::string(t.text) + "\"");
    return std::string(t.text);
  }

  /// Date and time values joined by a space, each a word; empty values are left out.
  std::string joined(const Field& f, std::size_t from = 0) const {
    std::string out;
    for (std::size_t i = from; i < f.values.size(); ++i) {
      if (f.values[i].text.empty()) continue;
      if (!out.empty()) out += ' ';
      out += word(f.values[i], std::string(f.name) + " (a date and a time)");
    }
    return out;
  }

  void lotRecord(const Record& lot) {
    file_.lotId = lot.id;
    for (const Field& f : lot.fields) {
      const auto n = f.name;
      if (sameIgnoringCase(n, "DeviceID")) {
        file_.deviceId = first(f).text;
      } else if (sameIgnoringCase(n, "StepID")) {
        file_.stepId = first(f).text;
      } else if (sameIgnoringCase(n, "RecipeID")) {
        file_.setupId = first(f).text;
        file_.setupTimestamp = joined(f, 1);
      } else if (sameIgnoringCase(n, "ResultTimestamp")) {
        file_.resultTimestamp = joined(f);
      } else if (sameIgnoringCase(n, "InspectionStationID")) {
        for (const auto& t : f.values) file_.inspectionStation.emplace_back(t.text);
      } else if (sameIgnoringCase(n, "SampleType")) {
        file_.sampleType = word(first(f), "SampleType");
      } else if (sameIgnoringCase(n, "SampleOrientationMarkType")) {
        file_.orientationMarkType = word(first(f), "SampleOrientationMarkType");
      } else if (sameIgnoringCase(n, "SampleSize")) {
        file_.sampleSizeMm = number(first(f), "SampleSize") / 1e6;  // nm → mm
      } else if (sameIgnoringCase(n, "OrientationMarkLocation")) {
        file_.orientationMark = notch(first(f));
      } else if (sameIgnoringCase(n, "DiePitch")) {
        std::tie(file_.diePitchXUm, file_.diePitchYUm) = pair(f);
        if (!(file_.diePitchXUm > 0 && file_.diePitchYUm > 0)) fail(f.line, "DiePitch must be positive");
      } else if (sameIgnoringCase(n, "DieOrigin")) {
        std::tie(file_.dieOriginXUm, file_.dieOriginYUm) = pair(f);
      }
    }
    for (const List& l : lot.lists)
      if (sameIgnoringCase(l.name, "ClassLookupList")) classLookup(l);
    for (const Record& r : lot.records)
      if (sameIgnoringCase(r.name, "WaferRecord")) waferRecord(r);
  }

  /// 1.8 writes the notch as the angle of 1.2's word: 0 DOWN, 90 LEFT, 180 UP, 270 RIGHT.
  wafer::Notch notch(const KlarfToken& t) const {
    const auto degrees = io::parseNumber(t.text);
    if (!degrees) {
      try {
        return wafer::notchFromName(t.text);
      } catch (const Error& e) {
        fail(t.line, std::string("OrientationMarkLocation: ") + e.what());
      }
    }
    if (*degrees == 0) return wafer::Notch::Down;
    if (*degrees == 90) return wafer::Notch::Left;
    if (*degrees == 180) return wafer::Notch::Up;
    if (*degrees == 270) return wafer::Notch::Right;
    fail(t.line, "OrientationMarkLocation must be 0, 90, 180 or 270 degrees, found '" + std::string(t.text) + "'");
  }

  std::optional<std::size_t> columnOf(const List& l, std::string_view name) const {
    for (std::size_t i = 0; i < l.columns.size(); ++i)
      if (l.columns[i].name == name) return i;
    return std::nullopt;
  }

  void classLookup(const List& l) {
    const auto number = columnOf(l, "CLASSNUMBER"), name = columnOf(l, "CLASSNAME");
    if (!number || !name) fail(l.line, "ClassLookupList needs the columns CLASSNUMBER and CLASSNAME");
    for (const auto& row : l.rows)
      file_.classLookup.emplace_back(integer(row[*number].value, "a class number"), std::string(row[*name].value.text));
  }

  void waferRecord(const Record& r) {
    KlarfWafer w;
    w.waferId = r.id;
    w.line = r.line;
    w.placement = {
        file_.orientationMark, file_.diePitchXUm, file_.diePitchYUm, file_.dieOriginXUm, file_.dieOriginYUm, 0, 0};
    for (const Field& f : r.fields) {
      if (sameIgnoringCase(f.name, "SlotNumber")) {
        w.slot = integer(first(f), "SlotNumber");
      } else if (sameIgnoringCase(f.name, "SampleCenterLocation")) {
        std::tie(w.placement.sampleCentreXUm, w.placement.sampleCentreYUm) = pair(f);
        w.hasSampleCentre = true;
      } else if (sameIgnoringCase(f.name, "DieOrigin")) {
        std::tie(w.placement.dieOriginXUm, w.placement.dieOriginYUm) = pair(f);
      } else if (sameIgnoringCase(f.name, "DiePitch")) {
        std::tie(w.placement.pitchXUm, w.placement.pitchYUm) = pair(f);
        if (!(w.placement.pitchXUm > 0 && w.placement.pitchYUm > 0)) fail(f.line, "DiePitch must be positive");
      }
    }
    KlarfWaferRead read;
    for (const List& l : r.lists) {
      if (!sameIgnoringCase(l.name, "DefectList")) continue;
      if (read.hasDefectList) fail(l.line, "a second DefectList for wafer '" + w.waferId + "'");
      read.hasDefectList = true;
      defectList(l, w);
    }
    std::set<wafer::DieIndex> planned;
    bool tested = false;
    for (const Record& t : r.records) {
      if (sameIgnoringCase(t.name, "TestRecord")) {
        if (!tested) w.inspectionTest = integer({t.id, false, t.line}, "the TestRecord number");
        for (const Field& f : t.fields)
          if (sameIgnoringCase(f.name, "AreaPerTest") && !tested) w.areaPerTestUm2 = number(first(f), "AreaPerTest") / 1e6;
        for (const List& l : t.lists)
          if (sameIgnoringCase(l.name, "SampleTestPlanList")) testPlan(l, w, planned);
        tested = true;
      } else if (sameIgnoringCase(t.name, "SummaryRecord")) {
        for (const List& l : t.lists)
          if (sameIgnoringCase(l.name, "TestSummaryList")) {
            summary(l, w);
            read.summaryLine = l.line;
          }
      }
    }
    checkKlarfWafer(w, read, source_, file_.notes);
    file_.wafers.push_back(std::move(w));
  }

  void testPlan(const List& l, KlarfWafer& w, std::set<wafer::DieIndex>& planned) const {
    const auto x = columnOf(l, "XINDEX"), y = columnOf(l, "YINDEX");
    if (!x || !y) fail(l.line, "SampleTestPlanList needs the columns XINDEX and YINDEX");
    for (const auto& row : l.rows) {
      const wafer::DieIndex die{integer(row[*x].value, "a test plan die index"),
                                integer(row[*y].value, "a test plan die index")};
      if (planned.insert(die).second) w.sampleTestPlan.push_back(die);
    }
  }

  void defectList(const List& l, KlarfWafer& w) const {
    for (const Column& c : l.columns) {
      if (std::find(w.defectColumns.begin(), w.defectColumns.end(), c.name) != w.defectColumns.end())
        fail(l.line, "DefectList names the column " + c.name + " twice");
      w.defectColumns.push_back(c.name);
      w.defectColumnTypes.push_back(c.type);
    }
    std::string missing;
    for (const char* required : {"XREL", "YREL", "XINDEX", "YINDEX"})
      if (!w.column(required)) missing += std::string(missing.empty() ? "" : ", ") + required;
    if (!missing.empty()) fail(l.line, "DefectList lacks the column(s) " + missing + " needed to place defects");
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
      KlarfDefect d;
      d.line = l.rowLines[i];
      d.values.assign(l.columns.size(), kNaN);
      for (std::size_t c = 0; c < l.columns.size(); ++c) {
        const Cell& cell = l.rows[i][c];
        const Column& col = l.columns[c];
        if (sameIgnoringCase(col.type, "ImageList")) {
          images(cell, d, col.name);
        } else if (sameIgnoringCase(col.type, "string")) {
          continue;  // text columns carry nothing the defect model holds
        } else {
          d.values[c] = number(cell.value, col.name, true) / nanoPerMicro(col.name);
        }
      }
      for (const char* required : {"XREL", "YREL", "XINDEX", "YINDEX"})
        if (std::isnan(w.value(d, required)))
          fail(d.line, "DefectList row " + std::to_string(i + 1) + " has no " + required);
      w.defects.push_back(std::move(d));
    }
  }

  void images(const Cell& cell, KlarfDefect& d, const std::string& column) const {
    if (!cell.images) {  // N (or NA, 0): no images
      if (cell.value.quoted ||
          !(sameIgnoringCase(cell.value.text, "N") || io::isMissing(cell.value.text) || cell.value.text == "0"))
        fail(cell.value.line,
             "expected 'Images n { … }' or N in column " + column + ", found '" + std::string(cell.value.text) + "'");
      return;
    }
    for (const auto& entry : cell.entries) {
      KlarfImage image;
      for (const auto& t : entry) image.entry.emplace_back(t.text);
      d.images.push_back(std::move(image));
    }
  }

  void summary(const List& l, KlarfWafer& w) const {
    w.summaryColumns.clear();
    w.summaryRows.clear();
    for (const Column& c : l.columns) w.summaryColumns.push_back(c.name);
    for (const auto& row : l.rows) {
      std::vector<double> values;
      for (std::size_t c = 0; c < row.size(); ++c)
        values.push_back(sameIgnoringCase(l.columns[c].type, "string")
                             ? kNaN
                             : number(row[c].value, l.columns[c].name, true) / nanoPerMicro(l.columns[c].name));
      w.summaryRows.push_back(std::move(values));
    }
  }

  std::string source_;
  KlarfFile file_;
};

}  // namespace

KlarfFile parseKlarf18(std::string_view text, const std::string& source) {
  std::vector<std::string> notes;
  const Record tree = parseTree(text, source, notes);
  KlarfFile file = Reader(source).read(tree);
  file.notes.insert(file.notes.begin(), notes.begin(), notes.end());
  return file;
}

}  // namespace fab::defect::klarf18

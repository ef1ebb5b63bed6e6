// KLARF 1.1 and 1.2 reader: records from klarf_tokens, checked and gathered
// into KlarfFile; parseKlarf hands 1.8 text to klarf18_reader.cpp.
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/common/word_case.h"
#include "core/defect/klarf.h"
#include "core/defect/klarf18_tree.h"
#include "core/defect/klarf_tokens.h"
#include "core/defect/klarf_wafer_checks.h"
#include "core/io/field_parse.h"

namespace fab::defect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class Reader {
 public:
  Reader(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

  KlarfFile read() {
    const auto records = splitKlarfRecords(text_, source_);
    if (records.empty()) fail(1, "the file is empty: a KLARF file starts with FileVersion");
    checkVersion(records.front());
    bool ended = false;
    for (std::size_t r = 1; r < records.size() && !ended; ++r) {
      const KlarfRecord& rec = records[r];
      if (!rec.terminated)
        fail(rec.line, "record '" + std::string(rec.keyword) + "' is not closed by ';' (file truncated?)");
      if (sameIgnoringCase(rec.keyword, "EndOfFile")) {
        ended = true;
      } else {
        record(rec);
      }
    }
    if (!records.back().terminated)
      fail(records.back().line,
           "record '" + std::string(records.back().keyword) + "' is not closed by ';' (file truncated?)");
    if (!ended) fail(lastLine(), "the file ends without 'EndOfFile;' (truncated?)");
    closeWafer();
    return std::move(file_);
  }

 private:
  [[noreturn]] void fail(std::int64_t line, const std::string& message) const {
    throw Error(source_ + ":" + std::to_string(line) + ": " + message);
  }

  std::int64_t lastLine() const {
    std::int64_t lines = 1;
    for (char c : text_) lines += c == '\n';
    return !text_.empty() && text_.back() == '\n' ? lines - 1 : lines;
  }

  double number(const KlarfToken& t, const std::string& what, bool allowMissing = false) const {
    if (allowMissing && !t.quoted && io::isMissing(t.text)) return kNaN;
    const auto v = t.quoted ? std::nullopt : io::parseNumber(t.text);
    if (!v) fail(t.line, "expected a number for " + what + ", found '" + std::string(t.text) + "'");
    return *v;
  }

  int integer(const KlarfToken& t, const std::string& what) const {
    const double v = number(t, what);
    if (v != std::floor(v) || std::abs(v) > 1e9)
      fail(t.line, "expected a whole number for " + what + ", found '" + std::string(t.text) + "'");
    return static_cast<int>(v);
  }

  void need(const KlarfRecord& r, std::size_t count) const {
    if (r.values.size() < count)
      fail(r.line, std::string(r.keyword) + " needs " + std::to_string(count) + " value" + (count == 1 ? "" : "s") +
                       ", found " + std::to_string(r.values.size()));
  }

  /// A keyword-like value (SampleType, SampleOrientationMarkType): a bare
  /// word, or a quoted one as some tools write it ("FLAT").
  std::string keyword(const KlarfToken& t, std::string_view what) const {
    bool plain = !t.text.empty();
    for (char c : t.text) plain = plain && !std::isspace(static_cast<unsigned char>(c)) && c != ';' && c != '"';
    if (t.quoted && !plain)
      fail(t.line, std::string(what) + ": expected a word, found the quoted string \"" + std::string(t.text) + "\"");
    return std::string(t.text);
  }

  /// A value the grammar writes as a bare word (a date, a time, a column name).
  std::string word(const KlarfToken& t, std::string_view what) const {
    if (t.quoted)
      fail(t.line,
           std::string(what) + ": expected a bare word, found the quoted string \"" + std::string(t.text) + "\"");
    return std::string(t.text);
  }

  /// A timestamp's bare words (date and time, e.g. 03-01-26 08:15:30) joined by a space.
  std::string joined(const KlarfRecord& r, std::size_t from = 0) const {
    std::string out;
    for (std::size_t i = from; i < r.values.size(); ++i) {
      if (!out.empty()) out += ' ';
      out += word(r.values[i], std::string(r.keyword) + " (a date and a time)");
    }
    return out;
  }

  /// The count in a record's first value, checked against the entries that follow.
  std::size_t countedEntries(const KlarfRecord& r, std::size_t perEntry, const std::string& what) const {
    need(r, 1);
    const int count = integer(r.values[0], what + " count");
    if (count < 0) fail(r.line, what + " count is negative");
    const std::size_t have = r.values.size() - 1;
    if (have != static_cast<std::size_t>(count) * perEntry)
      fail(r.line, what + " announces " + std::to_string(count) + " entr" + (count == 1 ? "y" : "ies") + " but lists " +
                       (have % perEntry ? std::to_string(have) + " values" : std::to_string(have / perEntry)));
    return static_cast<std::size_t>(count);
  }

  void checkVersion(const KlarfRecord& r) {
    if (!sameIgnoringCase(r.keyword, "FileVersion"))
      fail(r.line, "not a KLARF file: it should start with 'FileVersion 1 2;', found '" + std::string(r.keyword) + "'");
    if (!r.terminated) fail(r.line, "FileVersion is not closed by ';' (file truncated?)");
    need(r, 2);
    file_.versionMajor = integer(r.values[0], "FileVersion");
    file_.versionMinor = integer(r.values[1], "FileVersion");
    if (file_.versionMajor != 1 || file_.versionMinor > 2)
      fail(r.line, "KLARF version " + std::to_string(file_.versionMajor) + "." + std::to_string(file_.versionMinor) +
                       " is an unsupported version: fabkit reads KLARF 1.1, 1.2 and 1.8");
  }

  KlarfWafer& wafer(const KlarfRecord& r) {
    if (file_.wafers.empty()) fail(r.line, std::string(r.keyword) + " comes before any WaferID");
    return file_.wafers.back();
  }

  void record(const KlarfRecord& r) {
    const auto k = r.keyword;
    const bool inWafer = !file_.wafers.empty();
    if (sameIgnoringCase(k, "FileTimestamp")) {
      file_.fileTimestamp = joined(r);
    } else if (sameIgnoringCase(k, "InspectionStationID")) {
      file_.inspectionStation.clear();
      for (const auto& t : r.values) file_.inspectionStation.emplace_back(t.text);
    } else if (sameIgnoringCase(k, "SampleType")) {
      need(r, 1);
      file_.sampleType = keyword(r.values[0], "SampleType");
    } else if (sameIgnoringCase(k, "ResultTimestamp")) {
      if (!inWafer) file_.resultTimestamp = joined(r);
    } else if (sameIgnoringCase(k, "LotID")) {
      need(r, 1);
      file_.lotId = r.values[0].text;
    } else if (sameIgnoringCase(k, "SampleSize")) {
      need(r, 2);
      file_.sampleSizeMm = number(r.values[1], "SampleSize");
    } else if (sameIgnoringCase(k, "DeviceID")) {
      need(r, 1);
      file_.deviceId = r.values[0].text;
    } else if (sameIgnoringCase(k, "SetupID")) {
      need(r, 1);
      file_.setupId = r.values[0].text;
      file_.setupTimestamp = joined(r, 1);
    } else if (sameIgnoringCase(k, "StepID")) {
      need(r, 1);
      file_.stepId = r.values[0].text;
    } else if (sameIgnoringCase(k, "SampleOrientationMarkType")) {
      need(r, 1);
      file_.orientationMarkType = keyword(r.values[0], "SampleOrientationMarkType");
    } else if (sameIgnoringCase(k, "OrientationMarkLocation")) {
      need(r, 1);
      try {
        file_.orientationMark = wafer::notchFromName(r.values[0].text);
      } catch (const Error& e) {
        fail(r.line, std::string("OrientationMarkLocation: ") + e.what());
      }
    } else if (sameIgnoringCase(k, "DiePitch") || sameIgnoringCase(k, "DieOrigin")) {
      need(r, 2);
      const double x = number(r.values[0], std::string(k)), y = number(r.values[1], std::string(k));
      const bool pitch = sameIgnoringCase(k, "DiePitch");
      if (pitch && (x <= 0 || y <= 0)) fail(r.line, "DiePitch must be positive");
      if (inWafer) {
        auto& p = file_.wafers.back().placement;
        (pitch ? p.pitchXUm : p.dieOriginXUm) = x;
        (pitch ? p.pitchYUm : p.dieOriginYUm) = y;
      } else {
        (pitch ? file_.diePitchXUm : file_.dieOriginXUm) = x;
        (pitch ? file_.diePitchYUm : file_.dieOriginYUm) = y;
      }
    } else if (sameIgnoringCase(k, "ClassLookup")) {
      const std::size_t n = countedEntries(r, 2, "ClassLookup");
      file_.classLookup.clear();
      for (std::size_t i = 0; i < n; ++i)
        file_.classLookup.emplace_back(integer(r.values[1 + 2 * i], "a class number"),
                                       std::string(r.values[2 + 2 * i].text));
    } else if (sameIgnoringCase(k, "WaferID")) {
      need(r, 1);
      closeWafer();
      KlarfWafer w;
      w.waferId = r.values[0].text;
      w.line = r.line;
      w.placement = {
          file_.orientationMark, file_.diePitchXUm, file_.diePitchYUm, file_.dieOriginXUm, file_.dieOriginYUm, 0, 0};
      file_.wafers.push_back(std::move(w));
    } else if (sameIgnoringCase(k, "Slot")) {
      need(r, 1);
      wafer(r).slot = integer(r.values[0], "Slot");
    } else if (sameIgnoringCase(k, "SampleCenterLocation")) {
      need(r, 2);
      auto& w = wafer(r);
      w.placement.sampleCentreXUm = number(r.values[0], "SampleCenterLocation");
      w.placement.sampleCentreYUm = number(r.values[1], "SampleCenterLocation");
      w.hasSampleCentre = true;
    } else if (sameIgnoringCase(k, "InspectionTest")) {
      need(r, 1);
      auto& w = wafer(r);
      const int test = integer(r.values[0], "InspectionTest");
      if (!read_.seenTest) w.inspectionTest = test;
      read_.seenTest = true;
    } else if (sameIgnoringCase(k, "SampleTestPlan")) {
      auto& w = wafer(r);
      const std::size_t n = countedEntries(r, 2, "SampleTestPlan");
      for (std::size_t i = 0; i < n; ++i)
        addPlannedDie(w, {integer(r.values[1 + 2 * i], "a test plan die index"),
                          integer(r.values[2 + 2 * i], "a test plan die index")});
    } else if (sameIgnoringCase(k, "AreaPerTest")) {
      need(r, 1);
      auto& w = wafer(r);
      if (!(w.areaPerTestUm2 > 0)) w.areaPerTestUm2 = number(r.values[0], "AreaPerTest");
    } else if (sameIgnoringCase(k, "DefectRecordSpec")) {
      defectSpec(r, wafer(r));
    } else if (sameIgnoringCase(k, "DefectList")) {
      defectList(r, wafer(r));
    } else if (sameIgnoringCase(k, "SummarySpec")) {
      auto& w = wafer(r);
      const std::size_t n = countedEntries(r, 1, "SummarySpec");
      if (!w.summaryRows.empty())  // the rows already read follow the first spec
        fail(r.line, "a second SummarySpec for wafer '" + w.waferId + "' after its SummaryList");
      w.summaryColumns.clear();
      for (std::size_t i = 0; i < n; ++i)
        w.summaryColumns.push_back(upperCase(word(r.values[1 + i], "SummarySpec column name")));
    } else if (sameIgnoringCase(k, "SummaryList")) {
      summaryList(r, wafer(r));
    }
    // Other records (TiffSpec, TiffFileName, ClassificationSource, …) carry nothing fabkit uses.
  }

  void defectSpec(const KlarfRecord& r, KlarfWafer& w) {
    const std::size_t n = countedEntries(r, 1, "DefectRecordSpec");
    if (!w.defects.empty())  // the rows already read follow the first spec
      fail(r.line, "a second DefectRecordSpec for wafer '" + w.waferId + "' after its DefectList");
    w.defectColumns.clear();
    for (std::size_t i = 0; i < n; ++i)
      w.defectColumns.push_back(upperCase(word(r.values[1 + i], "DefectRecordSpec column name")));
    std::string missing;
    for (const char* required : {"XREL", "YREL", "XINDEX", "YINDEX"})
      if (!w.column(required)) missing += std::string(missing.empty() ? "" : ", ") + required;
    if (!missing.empty()) fail(r.line, "DefectRecordSpec lacks the column(s) " + missing + " needed to place defects");
  }

  /// The rows of one DefectList record in one IMAGELIST layout, or where they stop fitting it.
  struct Rows {
    std::vector<KlarfDefect> defects;
    std::int64_t errorLine = 0;
    std::string error;  ///< empty when every row fits
  };

  /// Reads the rows; with `countInList` the IMAGELIST column starts with its
  /// own image count (checked against IMAGECOUNT when that precedes it), else
  /// it holds IMAGECOUNT pairs without a count.
  Rows rows(const KlarfRecord& r, const KlarfWafer& w, std::size_t rowsBefore, bool countInList) const {
    Rows out;
    const auto imageList = w.column("IMAGELIST"), imageCount = w.column("IMAGECOUNT");
    const bool countFirst = imageList && imageCount && *imageCount < *imageList;
    const std::size_t columns = w.defectColumns.size();
    const std::size_t required[] = {*w.column("XREL"), *w.column("YREL"), *w.column("XINDEX"), *w.column("YINDEX")};
    std::size_t t = 0;
    try {
      while (t < r.values.size()) {
        KlarfDefect d;
        d.line = r.values[t].line;
        d.values.assign(columns, kNaN);
        const std::string row = "DefectList row " + std::to_string(rowsBefore + out.defects.size() + 1);
        for (std::size_t c = 0; c < columns; ++c) {
          auto take = [&]() -> const KlarfToken& {
            if (t >= r.values.size())
              fail(d.line, row + " ends after " + std::to_string(c) + " of its " + std::to_string(columns) +
                               " DefectRecordSpec values (the list does not match its spec; file truncated?)");
            return r.values[t++];
          };
          if (imageList && c == *imageList) {
            int count = -1;
            if (countFirst) {
              const double v = d.values[*imageCount];
              if (!(v >= 0) || v != std::floor(v)) fail(d.line, "IMAGECOUNT must be a whole number to read IMAGELIST");
              if (v > static_cast<double>(r.values.size()))  // cannot fit; a count this large is no int either
                fail(d.line, "IMAGECOUNT is larger than the whole DefectList: not a count of images");
              count = static_cast<int>(v);
            }
            if (countInList || !countFirst) {
              const int listed = integer(take(), "the IMAGELIST count");
              if (listed < 0 || static_cast<std::size_t>(listed) > r.values.size())
                fail(d.line, row + ": the IMAGELIST count " + std::to_string(listed) + " is not a count of images");
              if (count >= 0 && listed != count)
                fail(d.line, row + ": IMAGELIST counts " + std::to_string(listed) + " images but IMAGECOUNT says " +
                                 std::to_string(count));
              count = listed;
            }
            for (int i = 0; i < count; ++i) {
              const int number = integer(take(), "an IMAGELIST image number");
              d.images.push_back({number, integer(take(), "an IMAGELIST image type"), {}});
            }
          } else {
            d.values[c] = number(take(), w.defectColumns[c], true);
          }
        }
        for (std::size_t c : required)
          if (std::isnan(d.values[c])) fail(d.line, row + " has no " + w.defectColumns[c]);
        out.defects.push_back(std::move(d));
      }
    } catch (const Error& e) {
      out.error = e.what();
    }
    return out;
  }

  void defectList(const KlarfRecord& r, KlarfWafer& w) {
    if (w.defectColumns.empty()) fail(r.line, "DefectList comes before its DefectRecordSpec");
    read_.hasDefectList = true;
    const auto imageList = w.column("IMAGELIST"), imageCount = w.column("IMAGECOUNT");
    Rows counted = rows(r, w, w.defects.size(), true);
    if (!counted.error.empty() && imageList && imageCount && *imageCount < *imageList) {
      // Some writers leave the count out when IMAGECOUNT precedes IMAGELIST.
      Rows pairs = rows(r, w, w.defects.size(), false);
      if (pairs.error.empty())
        file_.notes.push_back("line " + std::to_string(r.line) + ": the IMAGELIST entries of wafer '" + w.waferId +
                              "' follow IMAGECOUNT without their own count");
      if (pairs.error.empty() || pairs.defects.size() > counted.defects.size()) counted = std::move(pairs);
    }
    if (!counted.error.empty()) throw Error(counted.error);
    for (auto& d : counted.defects) w.defects.push_back(std::move(d));
  }

  void addPlannedDie(KlarfWafer& w, wafer::DieIndex die) {
    if (read_.planned.insert(die).second) w.sampleTestPlan.push_back(die);
  }

  void summaryList(const KlarfRecord& r, KlarfWafer& w) {
    if (w.summaryColumns.empty()) fail(r.line, "SummaryList comes before its SummarySpec");
    const std::size_t n = w.summaryColumns.size();
    if (r.values.size() % n != 0)
      fail(r.line, "SummaryList has " + std::to_string(r.values.size()) + " values, not a multiple of the " +
                       std::to_string(n) + " SummarySpec columns");
    w.summaryRows.clear();
    for (std::size_t i = 0; i < r.values.size(); i += n) {
      std::vector<double> row;
      for (std::size_t c = 0; c < n; ++c) row.push_back(number(r.values[i + c], w.summaryColumns[c], true));
      w.summaryRows.push_back(std::move(row));
    }
    read_.summaryLine = r.line;
  }

  void closeWafer() {
    if (file_.wafers.empty()) return;
    checkKlarfWafer(file_.wafers.back(), {read_.hasDefectList, read_.summaryLine}, source_, file_.notes);
    read_ = {};
  }

  std::string_view text_;
  std::string source_;
  KlarfFile file_;
  struct WaferRead {  ///< what was read of the current wafer
    bool hasDefectList = false, seenTest = false;
    std::int64_t summaryLine = 0;
    std::set<wafer::DieIndex> planned;
  } read_;
};

}  // namespace

std::optional<std::size_t> KlarfWafer::column(std::string_view name) const {
  const std::string key = upperCase(name);
  for (std::size_t i = 0; i < defectColumns.size(); ++i)
    if (defectColumns[i] == key) return i;
  return std::nullopt;
}

double KlarfWafer::value(const KlarfDefect& defect, std::string_view name) const {
  const auto c = column(name);
  return c && *c < defect.values.size() ? defect.values[*c] : kNaN;
}

KlarfFile parseKlarf(std::string_view text, const std::string& source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark (ATI WIND writes one)
  if (klarf18::startsWithRecord(text)) return klarf18::parseKlarf18(text, source);
  return Reader(text, source).read();
}

KlarfFile readKlarf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parseKlarf(buffer.str(), path);
}

}  // namespace fab::defect

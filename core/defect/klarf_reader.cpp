// KLARF 1.2 reader: records from klarf_tokens, checked and gathered into KlarfFile.
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/common/error.h"
#include "core/defect/klarf.h"
#include "core/defect/klarf_tokens.h"
#include "core/io/field_parse.h"

namespace fab::defect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is(std::string_view keyword, std::string_view name) {
  if (keyword.size() != name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(keyword[i])) != std::tolower(static_cast<unsigned char>(name[i])))
      return false;
  return true;
}

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
      if (is(rec.keyword, "EndOfFile")) {
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

  /// A value the grammar writes as a bare word (a keyword-like value, a date, a time).
  std::string word(const KlarfToken& t, std::string_view what) const {
    if (t.quoted) fail(t.line, std::string(what) + ": expected a bare word, found the quoted string \"" + std::string(t.text) + "\"");
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
    if (is(r.keyword, "Record"))
      fail(r.line,
           "this is a KLARF 1.8 file (nested Record/Field/List blocks), an unsupported version: fabkit reads "
           "KLARF 1.2; have the inspection tool or its converter write KLARF 1.2");
    if (!is(r.keyword, "FileVersion"))
      fail(r.line, "not a KLARF file: it should start with 'FileVersion 1 2;', found '" + std::string(r.keyword) + "'");
    if (!r.terminated) fail(r.line, "FileVersion is not closed by ';' (file truncated?)");
    need(r, 2);
    file_.versionMajor = integer(r.values[0], "FileVersion");
    file_.versionMinor = integer(r.values[1], "FileVersion");
    if (file_.versionMajor != 1 || file_.versionMinor > 2)
      fail(r.line, "KLARF version " + std::to_string(file_.versionMajor) + "." + std::to_string(file_.versionMinor) +
                       " is an unsupported version: fabkit reads KLARF 1.2");
  }

  KlarfWafer& wafer(const KlarfRecord& r) {
    if (file_.wafers.empty()) fail(r.line, std::string(r.keyword) + " comes before any WaferID");
    return file_.wafers.back();
  }

  void record(const KlarfRecord& r) {
    const auto k = r.keyword;
    const bool inWafer = !file_.wafers.empty();
    if (is(k, "FileTimestamp")) {
      file_.fileTimestamp = joined(r);
    } else if (is(k, "InspectionStationID")) {
      file_.inspectionStation.clear();
      for (const auto& t : r.values) file_.inspectionStation.emplace_back(t.text);
    } else if (is(k, "SampleType")) {
      need(r, 1);
      file_.sampleType = word(r.values[0], "SampleType");
    } else if (is(k, "ResultTimestamp")) {
      if (!inWafer) file_.resultTimestamp = joined(r);
    } else if (is(k, "LotID")) {
      need(r, 1);
      file_.lotId = r.values[0].text;
    } else if (is(k, "SampleSize")) {
      need(r, 2);
      file_.sampleSizeMm = number(r.values[1], "SampleSize");
    } else if (is(k, "DeviceID")) {
      need(r, 1);
      file_.deviceId = r.values[0].text;
    } else if (is(k, "SetupID")) {
      need(r, 1);
      file_.setupId = r.values[0].text;
      file_.setupTimestamp = joined(r, 1);
    } else if (is(k, "StepID")) {
      need(r, 1);
      file_.stepId = r.values[0].text;
    } else if (is(k, "SampleOrientationMarkType")) {
      need(r, 1);
      file_.orientationMarkType = word(r.values[0], "SampleOrientationMarkType");
    } else if (is(k, "OrientationMarkLocation")) {
      need(r, 1);
      try {
        file_.orientationMark = wafer::notchFromName(r.values[0].text);
      } catch (const Error& e) {
        fail(r.line, std::string("OrientationMarkLocation: ") + e.what());
      }
    } else if (is(k, "DiePitch") || is(k, "DieOrigin")) {
      need(r, 2);
      const double x = number(r.values[0], std::string(k)), y = number(r.values[1], std::string(k));
      const bool pitch = is(k, "DiePitch");
      if (pitch && (x <= 0 || y <= 0)) fail(r.line, "DiePitch must be positive");
      if (inWafer) {
        auto& p = file_.wafers.back().placement;
        (pitch ? p.pitchXUm : p.dieOriginXUm) = x;
        (pitch ? p.pitchYUm : p.dieOriginYUm) = y;
      } else {
        (pitch ? file_.diePitchXUm : file_.dieOriginXUm) = x;
        (pitch ? file_.diePitchYUm : file_.dieOriginYUm) = y;
      }
    } else if (is(k, "ClassLookup")) {
      const std::size_t n = countedEntries(r, 2, "ClassLookup");
      file_.classLookup.clear();
      for (std::size_t i = 0; i < n; ++i)
        file_.classLookup.emplace_back(integer(r.values[1 + 2 * i], "a class number"),
                                       std::string(r.values[2 + 2 * i].text));
    } else if (is(k, "WaferID")) {
      need(r, 1);
      closeWafer();
      KlarfWafer w;
      w.waferId = r.values[0].text;
      w.line = r.line;
      w.placement = {
          file_.orientationMark, file_.diePitchXUm, file_.diePitchYUm, file_.dieOriginXUm, file_.dieOriginYUm, 0, 0};
      file_.wafers.push_back(std::move(w));
    } else if (is(k, "Slot")) {
      need(r, 1);
      wafer(r).slot = integer(r.values[0], "Slot");
    } else if (is(k, "SampleCenterLocation")) {
      need(r, 2);
      auto& w = wafer(r);
      w.placement.sampleCentreXUm = number(r.values[0], "SampleCenterLocation");
      w.placement.sampleCentreYUm = number(r.values[1], "SampleCenterLocation");
      w.hasSampleCentre = true;
    } else if (is(k, "InspectionTest")) {
      need(r, 1);
      wafer(r).inspectionTest = integer(r.values[0], "InspectionTest");
    } else if (is(k, "SampleTestPlan")) {
      auto& w = wafer(r);
      const std::size_t n = countedEntries(r, 2, "SampleTestPlan");
      w.sampleTestPlan.clear();
      for (std::size_t i = 0; i < n; ++i)
        w.sampleTestPlan.push_back({integer(r.values[1 + 2 * i], "a test plan die index"),
                                    integer(r.values[2 + 2 * i], "a test plan die index")});
    } else if (is(k, "AreaPerTest")) {
      need(r, 1);
      wafer(r).areaPerTestUm2 = number(r.values[0], "AreaPerTest");
    } else if (is(k, "DefectRecordSpec")) {
      defectSpec(r, wafer(r));
    } else if (is(k, "DefectList")) {
      defectList(r, wafer(r));
    } else if (is(k, "SummarySpec")) {
      auto& w = wafer(r);
      const std::size_t n = countedEntries(r, 1, "SummarySpec");
      w.summaryColumns.clear();
      for (std::size_t i = 0; i < n; ++i) w.summaryColumns.push_back(upper(word(r.values[1 + i], "SummarySpec column name")));
    } else if (is(k, "SummaryList")) {
      summaryList(r, wafer(r));
    }
    // Other records (TiffSpec, TiffFileName, ClassificationSource, …) carry nothing fabkit uses.
  }

  void defectSpec(const KlarfRecord& r, KlarfWafer& w) {
    const std::size_t n = countedEntries(r, 1, "DefectRecordSpec");
    if (!w.defects.empty())  // the rows already read follow the first spec
      fail(r.line, "a second DefectRecordSpec for wafer '" + w.waferId + "' after its DefectList");
    w.defectColumns.clear();
    for (std::size_t i = 0; i < n; ++i) w.defectColumns.push_back(upper(word(r.values[1 + i], "DefectRecordSpec column name")));
    std::string missing;
    for (const char* required : {"XREL", "YREL", "XINDEX", "YINDEX"})
      if (!w.column(required)) missing += std::string(missing.empty() ? "" : ", ") + required;
    if (!missing.empty()) fail(r.line, "DefectRecordSpec lacks the column(s) " + missing + " needed to place defects");
  }

  void defectList(const KlarfRecord& r, KlarfWafer& w) {
    if (w.defectColumns.empty()) fail(r.line, "DefectList comes before its DefectRecordSpec");
    const auto imageList = w.column("IMAGELIST"), imageCount = w.column("IMAGECOUNT");
    const std::size_t columns = w.defectColumns.size();
    const std::size_t required[] = {*w.column("XREL"), *w.column("YREL"), *w.column("XINDEX"), *w.column("YINDEX")};
    std::size_t t = 0;
    w.defects.clear();
    while (t < r.values.size()) {
      KlarfDefect d;
      d.line = r.values[t].line;
      d.values.assign(columns, kNaN);
      for (std::size_t c = 0; c < columns; ++c) {
        auto take = [&]() -> const KlarfToken& {
          if (t >= r.values.size())
            fail(d.line, "DefectList row " + std::to_string(w.defects.size() + 1) + " ends after " + std::to_string(c) +
                             " of its " + std::to_string(columns) +
                             " DefectRecordSpec values (the list does not match its spec; file truncated?)");
          return r.values[t++];
        };
        if (imageList && c == *imageList) {
          int count;
          if (imageCount && *imageCount < c) {
            const double v = d.values[*imageCount];
            if (!(v >= 0) || v != std::floor(v)) fail(d.line, "IMAGECOUNT must be a whole number to read IMAGELIST");
            if (v > static_cast<double>(r.values.size()))  // cannot fit; a count this large is no int either
              fail(d.line, "IMAGECOUNT is larger than the whole DefectList: not a count of images");
            count = static_cast<int>(v);
          } else {
            count = integer(take(), "the IMAGELIST count");
          }
          for (int i = 0; i < count; ++i) {
            const int number = integer(take(), "an IMAGELIST image number");
            d.images.push_back({number, integer(take(), "an IMAGELIST image type")});
          }
        } else {
          d.values[c] = number(take(), w.defectColumns[c], true);
        }
      }
      for (std::size_t c : required)
        if (std::isnan(d.values[c])) fail(d.line, "defect row has no " + w.defectColumns[c]);
      w.defects.push_back(std::move(d));
    }
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
    summaryLine_ = r.line;
  }

  void closeWafer() {
    if (file_.wafers.empty()) return;
    const KlarfWafer& w = file_.wafers.back();
    if (!w.defects.empty()) {
      if (!(w.placement.pitchXUm > 0 && w.placement.pitchYUm > 0))
        fail(w.line, "wafer '" + w.waferId + "' has defects but the file gives no DiePitch to place them");
      if (!w.hasSampleCentre)
        fail(w.line, "wafer '" + w.waferId + "' has defects but no SampleCenterLocation to place them");
    }
    if (!w.sampleTestPlan.empty()) {
      if (!(w.placement.pitchXUm > 0 && w.placement.pitchYUm > 0))
        fail(w.line, "wafer '" + w.waferId + "' has a SampleTestPlan but the file gives no DiePitch to place its dies");
      if (!w.hasSampleCentre)
        fail(w.line, "wafer '" + w.waferId + "' has a SampleTestPlan but no SampleCenterLocation to place its dies");
    }
    for (std::size_t c = 0; c < w.summaryColumns.size(); ++c) {
      if (w.summaryColumns[c] != "NDEFECT" || w.summaryRows.empty()) continue;
      double total = 0;
      for (const auto& row : w.summaryRows) total += std::isnan(row[c]) ? 0 : row[c];
      if (total != static_cast<double>(w.defects.size()))
        fail(summaryLine_, "SummaryList of wafer '" + w.waferId + "' counts " +
                               std::to_string(static_cast<long long>(total)) + " defects but its DefectList has " +
                               std::to_string(w.defects.size()));
    }
  }

  std::string_view text_;
  std::string source_;
  KlarfFile file_;
  std::int64_t summaryLine_ = 0;
};

}  // namespace

std::optional<std::size_t> KlarfWafer::column(std::string_view name) const {
  const std::string key = upper(name);
  for (std::size_t i = 0; i < defectColumns.size(); ++i)
    if (defectColumns[i] == key) return i;
  return std::nullopt;
}

double KlarfWafer::value(const KlarfDefect& defect, std::string_view name) const {
  const auto c = column(name);
  return c && *c < defect.values.size() ? defect.values[*c] : kNaN;
}

KlarfFile parseKlarf(std::string_view text, const std::string& source) { return Reader(text, source).read(); }

KlarfFile readKlarf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parseKlarf(buffer.str(), path);
}

}  // namespace fab::defect

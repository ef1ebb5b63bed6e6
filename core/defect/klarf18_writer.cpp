// KLARF 1.8 writer: FileRecord { LotRecord { lot Fields, ClassLookupList,
// WaferRecords { Fields, DefectList, TestRecord, SummaryRecord } } FileTimestamp }
// then EndOfFile;. Lengths are written in nanometres and areas in nm², as
// 1.8 files hold them (klarf18_tree.h).
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/common/error.h"
#include "core/common/word_case.h"
#include "core/defect/klarf.h"
#include "core/defect/klarf18_tree.h"
#include "core/io/field_parse.h"

namespace fab::defect {
namespace {

std::string shortest(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

/// The text of a value held in µm (or µm²) written in file units: the
/// shortest one that reads back, divided by `scale`, to exactly `v`.
std::string fileNumber(double v, double scale) {
  if (std::isnan(v)) return "NA";
  if (scale == 1) return shortest(v);
  double u = v * scale;
  if (!std::isfinite(u)) u = std::copysign(std::numeric_limits<double>::max(), v);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", u);
  if (const auto p = io::parseNumber(buf); p && *p / scale == v) return buf;
  for (int step = 0; step < 64; ++step) {  // the file value that gave v lies within a few ulps of v·scale
    if (u / scale == v) return shortest(u);
    const double down = std::nextafter(u, -INFINITY), up = std::nextafter(u, INFINITY);
    if (down / scale == v) return shortest(down);
    if (up / scale == v) return shortest(up);
    u = (u / scale < v) ? up : down;
  }
  throw Error("a value of " + shortest(v) + " cannot be written in KLARF 1.8 units");
}

std::string quoted(const std::string& s) {
  if (s.find('"') != std::string::npos) throw Error("a KLARF string cannot hold a double quote: '" + s + "'");
  return "\"" + s + "\"";
}

/// Field name n {v, v, …} from already formatted values.
std::string field(const std::string& indent, const std::string& name, const std::vector<std::string>& values) {
  std::string out = indent + "Field " + name + " " + std::to_string(values.size()) + " {";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + "}\n";
}

/// "a b" → {"a", "b"} quoted: a timestamp's date and time.
std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t space = s.find(' ', start);
    out.push_back(quoted(s.substr(start, space - start)));
    if (space == std::string::npos) return out;
    start = space + 1;
  }
}

/// The 1.8 type of each defect column: as read from a 1.8 file, else int32
/// where every value is whole in file units, ImageList for IMAGELIST, float otherwise.
std::vector<std::string> columnTypes(const KlarfWafer& w) {
  if (w.defectColumnTypes.size() == w.defectColumns.size()) return w.defectColumnTypes;
  std::vector<std::string> types;
  for (std::size_t c = 0; c < w.defectColumns.size(); ++c) {
    if (w.defectColumns[c] == "IMAGELIST") {
      types.push_back("ImageList");
      continue;
    }
    bool whole = true;
    const double scale = klarf18::nanoPerMicro(w.defectColumns[c]);
    for (const auto& d : w.defects) {
      const double v = d.values[c] * scale;
      whole = whole && (std::isnan(v) || (v == std::floor(v) && std::abs(v) < 2147483648.0));
    }
    types.push_back(whole ? "int32" : "float");
  }
  return types;
}

std::string imageCell(const KlarfDefect& d) {
  if (d.images.empty()) return "N";
  std::string out = "Images " + std::to_string(d.images.size()) + " {";
  for (std::size_t i = 0; i < d.images.size(); ++i) {
    const KlarfImage& image = d.images[i];
    out += i ? ", " : " ";
    if (image.entry.empty()) {  // a 1.2 image: its number
      out += "\"\" \"\" " + std::to_string(image.number) + " \"\"";
      continue;
    }
    for (std::size_t k = 0; k < image.entry.size(); ++k) {
      const std::string& v = image.entry[k];
      const bool bare = io::parseNumber(v) && v.find_first_of(" \t\r\n") == std::string::npos;
      out += (k ? " " : "") + (bare ? v : quoted(v));
    }
  }
  return out + " }";
}

/// List name { Columns n { type NAME, … } Data m { rows } } from formatted rows.
std::string list(const std::string& indent, const std::string& name, const std::vector<std::string>& types,
                 const std::vector<std::string>& names, const std::vector<std::string>& rows) {
  std::string out =
      indent + "List " + name + "\n" + indent + "{\n" + indent + "  Columns " + std::to_string(names.size()) + " {";
  for (std::size_t c = 0; c < names.size(); ++c) out += (c ? ", " : " ") + types[c] + " " + names[c];
  out += " }\n" + indent + "  Data " + std::to_string(rows.size()) + "\n" + indent + "  {\n";
  for (const auto& r : rows) out += indent + "    " + r + ";\n";
  return out + indent + "  }\n" + indent + "}\n";
}

std::string notchDegrees(wafer::Notch n) {
  switch (n) {
    case wafer::Notch::Down:
      return "0";
    case wafer::Notch::Left:
      return "90";
    case wafer::Notch::Up:
      return "180";
    case wafer::Notch::Right:
      return "270";
  }
  return "0";
}

std::vector<std::string> pair(double x, double y, const char* name) {
  const double s = klarf18::nanoPerMicro(name);
  return {fileNumber(x, s), fileNumber(y, s)};
}

void writeWafer(std::string& out, const KlarfFile& f, const KlarfWafer& w) {
  const std::string in = "    ", in2 = "      ";
  out += in + "Record WaferRecord " + quoted(w.waferId) + "\n" + in + "{\n";
  const auto& p = w.placement;
  if (p.pitchXUm != f.diePitchXUm || p.pitchYUm != f.diePitchYUm)
    out += field(in2, "DiePitch", pair(p.pitchXUm, p.pitchYUm, "DIEPITCH"));
  out += field(in2, "DieOrigin", pair(p.dieOriginXUm, p.dieOriginYUm, "DIEORIGIN"));
  if (w.hasSampleCentre)
    out += field(in2, "SampleCenterLocation", pair(p.sampleCentreXUm, p.sampleCentreYUm, "SAMPLECENTERLOCATION"));
  if (w.slot) out += field(in2, "SlotNumber", {std::to_string(w.slot)});
  if (!w.defectColumns.empty()) {
    const auto types = columnTypes(w);
    std::vector<std::string> rows;
    for (const auto& d : w.defects) {
      std::string row;
      for (std::size_t c = 0; c < w.defectColumns.size(); ++c) {
        row += c ? " " : "";
        const std::string t = upperCase(types[c]);
        if (t == "IMAGELIST")
          row += imageCell(d);
        else if (t == "STRING")
          row += "\"\"";
        else
          row +=
              fileNumber(c < d.values.size() ? d.values[c] : std::nan(""), klarf18::nanoPerMicro(w.defectColumns[c]));
      }
      rows.push_back(row + " ");
    }
    out += list(in2, "DefectList", types, w.defectColumns, rows);
  }
  if (!w.sampleTestPlan.empty() || w.areaPerTestUm2 > 0 || w.inspectionTest != 1) {
    out += in2 + "Record TestRecord " + quoted(std::to_string(w.inspectionTest)) + "\n" + in2 + "{\n";
    if (w.areaPerTestUm2 > 0) out += field(in2 + "  ", "AreaPerTest", {fileNumber(w.areaPerTestUm2, 1e6)});
    if (!w.sampleTestPlan.empty()) {
      std::vector<std::string> rows;
      for (const auto& d : w.sampleTestPlan) rows.push_back(std::to_string(d.x) + " " + std::to_string(d.y));
      out += list(in2 + "  ", "SampleTestPlanList", {"int32", "int32"}, {"XINDEX", "YINDEX"}, rows);
    }
    out += in2 + "}\n";
  }
  if (!w.summaryColumns.empty()) {
    out += in2 + "Record SummaryRecord\n" + in2 + "{\n";
    std::vector<std::string> rows;
    for (const auto& r : w.summaryRows) {
      std::string row;
      for (std::size_t c = 0; c < r.size(); ++c)
        row += (c ? " " : "") + fileNumber(r[c], klarf18::nanoPerMicro(w.summaryColumns[c]));
      rows.push_back(row);
    }
    out += list(in2 + "  ", "TestSummaryList", std::vector<std::string>(w.summaryColumns.size(), "float"),
                w.summaryColumns, rows);
    out += in2 + "}\n";
  }
  out += in + "}\n";
}

}  // namespace

std::string writeKlarf18(const KlarfFile& f) {
  std::string out = "Record FileRecord \"1.8\"\n{\n  Record LotRecord " + quoted(f.lotId) + "\n  {\n";
  const std::string in = "    ";
  if (!f.deviceId.empty()) out += field(in, "DeviceID", {quoted(f.deviceId)});
  if (f.diePitchXUm > 0 && f.diePitchYUm > 0)
    out += field(in, "DiePitch", pair(f.diePitchXUm, f.diePitchYUm, "DIEPITCH"));
  if (f.dieOriginXUm != 0 || f.dieOriginYUm != 0)
    out += field(in, "DieOrigin", pair(f.dieOriginXUm, f.dieOriginYUm, "DIEORIGIN"));
  if (!f.inspectionStation.empty()) {
    std::vector<std::string> v;
    for (const auto& s : f.inspectionStation) v.push_back(quoted(s));
    out += field(in, "InspectionStationID", v);
  }
  out += field(in, "OrientationMarkLocation", {notchDegrees(f.orientationMark)});
  if (!f.setupId.empty()) {
    std::vector<std::string> v{quoted(f.setupId)};
    if (!f.setupTimestamp.empty())
      for (auto& s : words(f.setupTimestamp)) v.push_back(s);
    out += field(in, "RecipeID", v);
  }
  if (!f.resultTimestamp.empty()) out += field(in, "ResultTimestamp", words(f.resultTimestamp));
  out += field(in, "SampleOrientationMarkType", {quoted(f.orientationMarkType)});
  if (f.sampleSizeMm > 0) out += field(in, "SampleSize", {fileNumber(f.sampleSizeMm, 1e6), "0"});
  out += field(in, "SampleType", {quoted(f.sampleType)});
  if (!f.stepId.empty()) out += field(in, "StepID", {quoted(f.stepId)});
  if (!f.classLookup.empty()) {
    std::vector<std::string> rows;
    for (const auto& [number, name] : f.classLookup) rows.push_back(std::to_string(number) + " " + quoted(name));
    out += list(in, "ClassLookupList", {"int32", "string"}, {"CLASSNUMBER", "CLASSNAME"}, rows);
  }
  for (const KlarfWafer& w : f.wafers) writeWafer(out, f, w);
  out += "  }\n";
  if (!f.fileTimestamp.empty()) out += field("  ", "FileTimestamp", words(f.fileTimestamp));
  return out + "}\nEndOfFile;\n";
}

}  // namespace fab::defect

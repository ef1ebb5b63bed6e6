#pragma once
// KLARF 1.8 text as a tree, with the line of every part, for the 1.8 reader:
//
//   Record FileRecord "1.8" { Record LotRecord "lot" { Field DiePitch 2 {x, y}
//     Record WaferRecord "id" { Field …; List DefectList { Columns n { int32
//     DEFECTID, … } Data m { v v … ; … } }; Record TestRecord "1" { … } } … }
//   } EndOfFile;
//
// Field values are separated by commas; a List row by white space and ends
// with ';'. A cell of an ImageList column is `Images n { "file" "format" 1
// "label", … }` or a single word (N) for none. Lengths in 1.8 are nanometres
// and areas nm² (the KLARF 1.2 → 1.8 conversion multiplies µm by 1000).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/defect/klarf.h"
#include "core/defect/klarf_tokens.h"

namespace fab::defect::klarf18 {

struct Field {
  std::string_view name;
  std::vector<KlarfToken> values;
  std::int64_t line = 0;
};

struct Cell {
  KlarfToken value;                              ///< a plain cell
  bool images = false;                           ///< an `Images n { … }` cell
  std::vector<std::vector<KlarfToken>> entries;  ///< its comma-separated entries
};

struct Column {
  std::string type;  ///< as written: int32, float, double, string, ImageList…
  std::string name;  ///< upper case
};

struct List {
  std::string_view name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::int64_t> rowLines;
  std::int64_t line = 0;
};

struct Record {
  std::string_view name, id;
  std::int64_t line = 0;
  std::vector<Field> fields;
  std::vector<List> lists;
  std::vector<Record> records;
};

/// True when the text's first word is Record (a KLARF 1.8 file).
bool startsWithRecord(std::string_view text);

/// The FileRecord of 1.8 text. Throws fab::Error "source:line: …" for a
/// brace or ';' that is missing, counts that disagree with what they announce
/// (Field n, Columns n, Images n), text after EndOfFile;, or nesting deeper
/// than 16 records. A Data count that disagrees with the rows (each ends with
/// ';', so the rows are unambiguous; klarfio's testfile_v1.8 says Data 1 over
/// two rows) is added to `notes` and every row is kept.
Record parseTree(std::string_view text, const std::string& source, std::vector<std::string>& notes);

/// Parses KLARF 1.8 text into the version-neutral structs (klarf18_reader.cpp).
KlarfFile parseKlarf18(std::string_view text, const std::string& source);

/// Nanometres per micrometre for a 1.8 length (1000), nm² per µm² for an area
/// (1e6), 1 for other values: Field and column names in upper case.
double nanoPerMicro(std::string_view upperName);

}  // namespace fab::defect::klarf18

// fabkit-cli import: a CSV, KLARF or STDF file into a workspace, all or nothing by default.
#include <filesystem>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/io/importer.h"
#include "core/io/klarf_import.h"
#include "core/io/wafer_map_import.h"
#include "core/stdf/stdf_import.h"

namespace fab::cli {
namespace {

Json reportJson(const io::ImportReport& r, const std::string& file) {
  Json problems = Json::array();
  for (const auto& p : r.problems)
    problems.push_back({{"line", p.line}, {"column", p.column}, {"column_name", p.columnName}, {"message", p.message},
                        {"raw_text", p.rawText}, {"text", p.describe(file)}});
  return {{"file", file},
          {"batch", r.batchId},
          {"status", r.status},
          {"kind", r.kind},
          {"rows_imported", r.rowsOk},
          {"rows_rejected", r.rowsRejected},
          {"rows_duplicate", r.rowsDuplicate},
          {"rows_missing_value", r.rowsMissing},
          {"message", r.message},
          {"errors", problems},
          {"errors_not_listed", r.problemsNotListed},
          {"notes", r.notes},
          {"number_format", r.numberFormat},
          {"date_format", r.dateFormat}};
}

/// --decimal-comma / --decimal-point, --thousands and --date-format: how the file writes numbers and dates.
io::FieldFormatOptions fieldFormat(const Args& args) {
  io::FieldFormatOptions f;
  if (args.flag("decimal-comma") && args.flag("decimal-point"))
    throw UsageError{"give --decimal-comma or --decimal-point, not both"};
  if (args.flag("decimal-comma")) f.decimalMark = ',';
  if (args.flag("decimal-point")) f.decimalMark = '.';
  if (auto t = args.optional("thousands")) {
    const auto sep = io::thousandsFromName(*t);
    if (!sep) throw UsageError{"--thousands expects . , ' or space, got '" + *t + "'"};
    f.thousands = *sep;
  }
  if (auto d = args.optional("date-format")) {
    f.dates = io::dateOrderFromName(*d);
    if (!f.dates) throw UsageError{"--date-format expects dmy, mdy or iso, got '" + *d + "'"};
  }
  try {
    f.validate();
  } catch (const Error& e) {
    throw UsageError{e.what()};
  }
  return f;
}

/// --notch, --rows and --ref-die: how a sort map numbers the product's dies.
wafer::DieNumbering dieNumbering(const Args& args) {
  wafer::DieNumbering n;
  if (auto notch = args.optional("notch")) {
    try {
      n.notch = wafer::notchFromName(*notch);
    } catch (const Error& e) {
      throw UsageError{std::string("--notch: ") + e.what()};
    }
  }
  if (auto rows = args.optional("rows")) {
    if (*rows != "up" && *rows != "down") throw UsageError{"--rows expects up or down, got '" + *rows + "'"};
    n.yUp = *rows == "up";
  }
  if (args.has("ref-die")) {
    const auto xy = args.list("ref-die");
    const auto x = xy.size() == 2 ? io::parseInteger(xy[0]) : std::nullopt;
    const auto y = xy.size() == 2 ? io::parseInteger(xy[1]) : std::nullopt;
    if (!x || !y) throw UsageError{"--ref-die expects the map's index of the product's origin die as X,Y, e.g. 5,5"};
    n.originDieAt = wafer::DieIndex{static_cast<int>(*x), static_cast<int>(*y)};
  }
  return n;
}

int run(const Args& args) {
  if (args.positional().size() != 1) throw UsageError{"give exactly one FILE to import"};
  const std::string file = args.positional().front();
  io::ImportOptions options;
  const std::string kindName = args.valueOr("kind", "");
  const bool klarf = kindName == "klarf";  // KLARF inspection files: core/io/klarf_import.h
  // WM-811K-style wafer maps in JSON lines (core/io/wafer_map_import.h): asked for, or a .jsonl file.
  const bool waferMaps =
      kindName == "wafer-maps" || (kindName.empty() && std::filesystem::path(file).extension() == ".jsonl");
  // STDF tester files (core/stdf/stdf_import.h): asked for, or recognised by name or FAR record.
  const bool isStdf = kindName == "stdf" || (kindName.empty() && stdf::looksLikeStdf(file));
  if (auto kind = args.optional("kind"); kind && !klarf && !isStdf && !waferMaps) {
    options.kind = io::kindFromName(*kind);
    if (!options.kind)
      throw UsageError{"unknown --kind '" + *kind +
                       "' (measurements, dies, defects, specs, history, products, klarf, stdf, wafer-maps)"};
  }
  if (waferMaps)
    for (const char* csvOnly :
         {"map", "delimiter", "decimal-comma", "decimal-point", "thousands", "date-format", "notch", "rows", "ref-die"})
      if (args.has(csvOnly))
        throw UsageError{std::string("--") + csvOnly + " does not go with wafer maps (JSON lines: rows of 0 1 2)"};
  if (isStdf && (args.has("map") || args.has("delimiter")))
    throw UsageError{"--map and --delimiter describe CSV columns; an STDF file's records say what they hold"};
  for (const auto& m : args.values("map")) {
    const auto eq = m.find('=');
    if (eq == std::string::npos) throw UsageError{"--map expects ROLE=COLUMN, got '" + m + "'"};
    options.mapping[m.substr(0, eq)] = m.substr(eq + 1);
  }
  if (auto d = args.optional("delimiter")) {
    if (*d == "tab" || *d == "\\t") options.delimiter = '\t';
    else if (d->size() == 1) options.delimiter = (*d)[0];
    else throw UsageError{"--delimiter expects one character or 'tab'"};
  }
  options.format = fieldFormat(args);
  if ((klarf || isStdf) && (options.format.decimalMark || options.format.thousands || options.format.dates))
    throw UsageError{"--decimal-comma, --decimal-point, --thousands and --date-format describe a CSV file, not " +
                     std::string(klarf ? "KLARF" : "STDF")};
  options.dieNumbering = dieNumbering(args);
  const bool sortMap = !klarf && !isStdf && (!options.kind || *options.kind == io::ImportKind::Dies);
  if (!options.dieNumbering.isProducts() && !sortMap)
    throw UsageError{"--notch, --rows and --ref-die describe a sort map: they go with --kind dies"};
  options.batch.skipBadRows = args.flag("skip-bad-rows");
  options.batch.force = args.flag("force");

  auto ws = store::Workspace::openOrCreate(args.value("workspace"));
  const auto report = klarf       ? io::importKlarf(ws, file, options.batch)
                      : isStdf    ? stdf::importStdf(ws, file, options.batch)
                      : waferMaps ? io::importWaferMaps(ws, file, options.batch)
                                  : io::importFile(ws, file, options);
  if (args.json()) {
    printJson(reportJson(report, file));
  } else {
    std::cout << file << ": batch " << report.batchId << " " << report.status << " — " << report.message << "\n";
    std::cout << "  imported " << report.rowsOk << ", rejected " << report.rowsRejected << ", already present "
              << report.rowsDuplicate << ", without value " << report.rowsMissing << "\n";
    for (const auto& n : report.notes) std::cout << "  " << n << "\n";  // the product created, warnings…
    if (!report.numberFormat.empty())
      std::cout << "  numbers: " << report.numberFormat << "; dates: " << report.dateFormat << "\n";
    for (const auto& p : report.problems) std::cout << "  " << p.describe(file) << "\n";
    if (report.problemsNotListed) std::cout << "  … and " << report.problemsNotListed << " more\n";
  }
  return report.status == "ok" ? 0 : 1;
}

const Registration registration{Command{
    "import",
    "import a CSV (measurements, dies, defects, specs, history, products), KLARF or STDF file into a workspace",
    "FILE",
    "The kind of file and the role of each column are guessed from the header; --kind and --map override.\n"
    "Roles: lot wafer site x y parameter value unit time tool chamber product die_x die_y bin pass size class\n"
    "defect_id layer step recipe track_in track_out lsl target usl effective_from die_width die_height\n"
    "wafer_diameter edge_exclusion scribe notch origin_x origin_y y_up pass_bins grid_offset_x grid_offset_y.\n"
    "A measurements file without parameter/value columns is wide: every other column is a parameter.\n"
    "A dies (sort map) file numbered otherwise than the product is converted into the product's die frame\n"
    "with --notch, --rows and --ref-die (the lots' product layouts must be imported first), e.g.\n"
    "  fabkit-cli import sort.csv --workspace W --kind dies --notch up --rows down --ref-die 5,5\n"
    "STDF V4 tester files (.stdf, .std, optionally .gz or .bz2, or any file starting with a FAR record) are\n"
    "imported as kind stdf: a test run, its parts and bins, wafer-sort dies and parametric results with limits.\n"
    "Wafer maps in WM-811K JSON lines (.jsonl, or --kind wafer-maps: {\"wafer\", \"lot\", \"wafer_index\", \"map\"},\n"
    "map rows of 0 no die, 1 good, 2 fail) become each lot's wafer dies: good dies bin 1, failing dies bin 0;\n"
    "the lot is the \"lot\" field (else the file name), the wafer \"wafer_index\" (else the line number).\n"
    "Numbers: a ';' or tab separated file whose numbers use the decimal comma (1000,5) is detected from its\n"
    "first rows; --decimal-comma or --decimal-point forces the mark. Numbers grouped in thousands (1.000,5)\n"
    "are refused unless --thousands names the separator. Dates: ISO 8601, dd.mm.yyyy and, where a day above\n"
    "12 shows the order, dd/mm/yyyy or mm/dd/yyyy (hh:mm[:ss] may follow); --date-format declares it.\n"
    "The summary states the number and date formats used.\n"
    "By default one bad row fails the whole file and nothing is stored but the failed batch and its errors.\n"
    "Exit status: 0 imported, 1 failed, 2 wrong command line.",
    {workspaceOption(),
     {"kind", "KIND",
      "measurements | dies | defects | specs | history | products | klarf | stdf | wafer-maps (default: guessed)"},
     {"map", "ROLE=COLUMN", "use COLUMN for ROLE (an empty COLUMN unmaps the role)", true},
     {"delimiter", "C", "field delimiter: , ; or tab (default: sniffed)"},
     {"decimal-comma", "", "numbers use the decimal comma: 1000,5 (default: detected in ; or tab separated files)"},
     {"decimal-point", "", "numbers use the decimal point: 1000.5"},
     {"thousands", "SEP", "numbers are grouped in thousands by SEP: . , ' or space (default: grouping refused)"},
     {"date-format", "ORDER", "dmy | mdy | iso: the order of numeric dates (default: detected; ambiguous refused)"},
     {"notch", "SIDE", "dies: where the sort map draws the notch: down | up | left | right (default: the product's)"},
     {"rows", "DIR", "dies: the sort map's rows count up or down (default: as the product's)"},
     {"ref-die", "X,Y", "dies: the sort map's index of the product's origin die (default: the same index)"},
     {"skip-bad-rows", "", "keep the good rows; store each bad row with its reason in import_error"},
     {"force", "", "import a file even though the same file (SHA-256) was imported before"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

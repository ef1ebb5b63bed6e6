// fabkit-cli report: the printable SPC or yield report of a workspace as a
// PDF, headless (the same document and renderer as the GUI's report builder).
#include <QFileInfo>
#include <QGuiApplication>

#include <cstdlib>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/store/postgres_connection.h"
#include "ui/report/report_request.h"

namespace fab::cli {
namespace {

using namespace fab::ui::report;

int run(const Args& args) {
  // Painting text needs a QGuiApplication; without a display use the offscreen platform.
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
      qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  int argc = 1;
  char name[] = "fabkit-cli";
  char* argv[] = {name, nullptr};
  QGuiApplication app(argc, argv);

  ReportRequest request;
  request.workspace = QString::fromStdString(args.value("workspace"));
  if (!store::isPostgresUrl(args.value("workspace")) && !QFileInfo::exists(request.workspace))
    throw Error("no workspace at " + args.value("workspace"));
  try {
    request.type = parseReportType(QString::fromStdString(args.value("type")));
    request.paper = parsePaperSize(QString::fromStdString(args.valueOr("page", "a4")));
  } catch (const Error& e) {
    throw UsageError{e.what()};
  }
  request.parameters = args.list("parameters");
  request.lots = args.list("lots");
  if (args.has("from")) request.from = timeOption(args, "from");
  if (args.has("to")) request.to = windowEndOption(args, "to");
  if (request.type == ReportType::Yield && (!request.parameters.empty() || request.from || request.to))
    throw UsageError{"--parameters, --from and --to apply to the spc report; the yield report takes --lots"};
  if (request.type != ReportType::Yield && (args.has("pattern-model") || args.flag("no-patterns")))
    throw UsageError{"--pattern-model and --no-patterns apply to the yield report"};
  if (args.has("pattern-model") && args.flag("no-patterns"))
    throw UsageError{"give --pattern-model or --no-patterns, not both"};
  request.waferPatterns = !args.flag("no-patterns");
  request.patternModel = args.valueOr("pattern-model", "");
  const auto out = args.value("out");
  const int pages = writeReportPdf(request, QString::fromStdString(out));
  if (args.json()) {
    printJson({{"out", out}, {"pages", pages}, {"type", args.value("type")}, {"page", args.valueOr("page", "a4")}});
  } else {
    std::cout << "wrote " << out << " (" << pages << (pages == 1 ? " page" : " pages") << ")\n";
  }
  return 0;
}

const Registration registration{Command{
    "report",
    "printable SPC or yield report of a workspace as a PDF (works headless)",
    "",
    "SPC: a summary page ranking the parameters by Cpk and by rule violations, then one page per\n"
    "parameter (control chart with the approved limits in force, violations, capability histogram and\n"
    "indices). Yield: per lot the wafer maps, yield per wafer, loss Pareto, yield-model fit and D0, then\n"
    "the known-good-die / package-yield table, and each wafer's failure pattern named by the wafer-map\n"
    "classifier (the shipped model unless --pattern-model is given; builds with libtorch only).\n"
    "Try it on the demo workspace:\n"
    "  fabkit-cli demo --workspace demo.fabdb && fabkit-cli report --workspace demo.fabdb --type spc --out spc.pdf",
    {workspaceOption(),
     {"type", "spc|yield", "the report"},
     {"parameters", "P,…", "spc: only these parameters (default: all)"},
     {"lots", "L,…", "only these lots (default: all)"},
     {"from", "DATE", "spc: measurements from this date or time on"},
     {"to", "DATE", "spc: measurements up to this date (inclusive) or time"},
     {"page", "a4|letter", "paper size (default a4)"},
     {"pattern-model", "DIR", "yield: classify wafer patterns with this model folder (default: the shipped model)"},
     {"no-patterns", "", "yield: leave out the wafer-pattern section"},
     {"out", "FILE.pdf", "the PDF to write"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

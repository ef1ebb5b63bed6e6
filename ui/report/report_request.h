#pragma once
// What the engineer asks for, the same from the GUI's report builder and from
// `fabkit-cli report`, so both produce the same document and the same PDF.
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "ui/report/report_document.h"
#include "ui/report/report_renderer.h"

namespace fab::ui::report {

enum class ReportType { Spc, Yield };

struct ReportRequest {
  QString workspace;  ///< path of the .fabdb file
  ReportType type = ReportType::Spc;
  std::vector<std::string> parameters;   ///< SPC: empty = every parameter
  std::vector<std::string> lots;         ///< empty = every lot
  std::optional<std::int64_t> from, to;  ///< ms since 1970 UTC, inclusive
  PaperSize paper = PaperSize::A4;
  /// Yield: a "wafer patterns" section per lot when a classifier is available
  /// (built with libtorch): the model in `patternModel`, or the shipped one when empty.
  bool waferPatterns = true;
  std::string patternModel;
};

/// "spc" or "yield"; throws fab::Error naming the choices otherwise.
ReportType parseReportType(const QString& text);

/// A date (YYYY-MM-DD) or timestamp; a bare date as `to` means the end of that
/// day (so --to 2026-03-31 includes the 31st). nullopt when unparsable.
std::optional<std::int64_t> parseReportTime(const std::string& text, bool endOfDay);

/// Analyses the workspace and builds the document (run it off the GUI thread).
ReportDocument buildReport(const ReportRequest& request, const Feedback& feedback = {});

/// Builds and writes the PDF; returns the page count. Throws fab::Error.
int writeReportPdf(const ReportRequest& request, const QString& path, const Feedback& feedback = {});

}  // namespace fab::ui::report

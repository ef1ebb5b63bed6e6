#include "ui/report/report_request.h"

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "ui/report/spc_report.h"
#include "ui/report/yield_report.h"
#ifdef FAB_WITH_TORCH
#include "ui/report/wafer_pattern_section.h"
#endif

namespace fab::ui::report {

ReportType parseReportType(const QString& text) {
  const QString t = text.trimmed().toLower();
  if (t == "spc") return ReportType::Spc;
  if (t == "yield") return ReportType::Yield;
  throw Error("unknown report type '" + text.toStdString() + "': choose spc or yield");
}

std::optional<std::int64_t> parseReportTime(const std::string& text, bool endOfDay) {
  return endOfDay ? io::parseWindowEnd(text) : io::parseTimestamp(text);
}

ReportDocument buildReport(const ReportRequest& request, const Feedback& feedback) {
  if (request.type == ReportType::Spc) {
    SpcScope scope;
    scope.parameters = request.parameters;
    scope.lots = request.lots;
    scope.from = request.from;
    scope.to = request.to;
    return buildSpcReport(request.workspace, scope, feedback);
  }
  YieldReportOptions options;
  options.lots = request.lots;
#ifdef FAB_WITH_TORCH
  if (request.waferPatterns) {
    if (!request.patternModel.empty())
      options.lotSections.push_back(waferPatternSection(request.patternModel));
    else if (auto section = shippedWaferPatternSection())
      options.lotSections.push_back(std::move(*section));
  }
#endif
  return buildYieldReport(request.workspace, options, feedback);
}

int writeReportPdf(const ReportRequest& request, const QString& path, const Feedback& feedback) {
  Feedback analysis = feedback, painting = feedback;  // 70 % analysis, 30 % painting
  if (feedback.onProgress) {
    analysis.onProgress = [&feedback](double f, std::string_view s) { feedback.report(0.7 * f, s); };
    painting.onProgress = [&feedback](double f, std::string_view s) { feedback.report(0.7 + 0.3 * f, s); };
  }
  const auto doc = buildReport(request, analysis);
  return ReportRenderer(doc).writePdf(path, request.paper, painting);
}

}  // namespace fab::ui::report

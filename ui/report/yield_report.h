#pragma once
// The yield report: per lot the wafer maps (bins, with defects where the
// workspace has them) drawn by the chart layer, yield per wafer, the
// yield-loss Pareto by bin, the window-method fit of the yield models with D0;
// then per product the known-good-die / package-yield table.
//
// Extension point: `YieldReportOptions::lotSections` appends sections to each
// lot (e.g. wafer clustering signatures, classifier predictions) from the same
// loaded data, after the built-in ones.
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/store/dies.h"
#include "core/yield/sort_wafer.h"
#include "ui/report/report_document.h"

namespace fab::ui::report {

/// Everything the report loaded for one lot, handed to each lot section.
struct LotYieldData {
  std::string lot;
  std::optional<store::Product> product;     ///< layout of the lot's product, when known
  std::vector<store::WaferDies> wafers;      ///< die maps, by wafer
  std::vector<store::WaferDefects> defects;  ///< defects, by wafer (may be empty)
  std::vector<fab::yield::SortWafer> sort;   ///< the same dies as the yield analyses take them
};

using LotSection = std::function<void(const LotYieldData& lot, ReportDocument& doc)>;

struct YieldReportOptions {
  std::vector<std::string> lots;  ///< empty = every lot with die sort data
  /// Fault coverages of the known-good-die table.
  std::vector<double> coverages = {0.90, 0.95, 0.99, 0.999};
  int maxPackageDies = 8;               ///< package-yield columns: 1, 2, 4, … up to this many dies
  std::vector<LotSection> lotSections;  ///< extra sections per lot, in order
};

/// Wafer maps per figure row.
constexpr int kMapsPerRow = 3;

/// Opens the workspace (read-only), loads and analyses the lots and builds the document.
ReportDocument buildYieldReport(const QString& workspacePath, const YieldReportOptions& options,
                                const Feedback& feedback = {});

}  // namespace fab::ui::report

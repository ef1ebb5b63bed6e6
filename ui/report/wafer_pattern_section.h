#pragma once
// The yield report's per-lot "wafer patterns" section: each wafer's failure
// pattern as the wafer-map classifier names it (center, edge-ring, scratch…,
// or none), with its probability and the runner-up. Built only with libtorch
// (models/); report_request.cpp adds it when a model is found.
#include <optional>
#include <string>

#include "ui/report/yield_report.h"

namespace fab::ui::report {

/// The section, classifying with the model in `modelDir` (a model folder or a
/// training output folder), loaded once on first use. A model that cannot be
/// loaded gives a paragraph saying why instead of the table.
LotSection waferPatternSection(const std::string& modelDir);

/// The section with the pretrained model shipped with fabkit; nullopt when it is not installed.
std::optional<LotSection> shippedWaferPatternSection();

}  // namespace fab::ui::report

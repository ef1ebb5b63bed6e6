#pragma once
// The demo workspace: a believable fab story (three products, 40 lots, twelve
// metrology parameters with a drift, a step change and outliers, die maps with
// spatial patterns, defects) built from data/demo and a seeded generator,
// through the same import path as a user's files.
#include <string>

#include "core/common/feedback.h"

namespace fab::demo {

/// Creates the demo workspace at `path` (which must not exist yet). The same
/// seed always gives the same workspace. Throws fab::Error on failure, leaving
/// no file behind.
void buildDemoWorkspace(const std::string& path, const Feedback& feedback = {});

/// Writes the generated demo CSV files (measurements, history, dies, defects,
/// and the committed products and specs) into `folder`.
void writeDemoFiles(const std::string& folder);

}  // namespace fab::demo

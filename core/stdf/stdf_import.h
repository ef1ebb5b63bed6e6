#pragma once
// Importing an STDF V4 tester file into a workspace (docs/ARCHITECTURE.md §3
// "Tester data", data/schema/006_stdf.sql): one batch and one test_run per
// file, every PRR a part, wafer-sort parts also dies (final bin per die), the
// parametric results measurements with their test limits as specs. Streaming:
// memory holds one part's results and one chunk of values, whatever the size.
#include <string>

#include "core/common/feedback.h"
#include "core/io/import_batch.h"
#include "core/store/workspace.h"

namespace fab::stdf {

/// Reads and imports `path` (plain, gzip or bzip2) in one transaction. A file
/// that is not STDF V4, is truncated or corrupt, or was already imported
/// (unless forced) throws fab::Error naming the byte offset and record type,
/// and stores nothing. The lot is the MIR LOT_ID (a file without one: the
/// file's name, noted); the wafer slot is taken from the WIR WAFER_ID.
/// Wafer-sort dies get their lot's product layout from the file when the
/// workspace has none (core/stdf/wafer_product.h).
/// Cancellation rolls back and returns status 'cancelled'.
io::ImportReport importStdf(store::Workspace& ws, const std::string& path, const io::BatchOptions& options = {},
                            const Feedback& feedback = {});

/// True for a file named *.stdf, *.std (optionally .gz / .bz2) or whose first
/// bytes, decompressed, are an STDF V4 FAR record.
bool looksLikeStdf(const std::string& path);

}  // namespace fab::stdf

#pragma once
// Importing a KLARF (1.1, 1.2 or 1.8) inspection file into a workspace: one batch per file
// (duplicate files refused by SHA-256), every wafer's defects in one
// transaction, positions stored in the wafer frame (µm, centre origin, y up,
// notch down) and die indices in the product's die frame when the lot's
// product layout is known. Each wafer also records one inspection (tables
// inspection, inspected_die): the dies of its SampleTestPlan, or the whole
// wafer when the file lists none — the dies kill ratios count as inspected.
#include <string>

#include "core/common/feedback.h"
#include "core/io/import_batch.h"
#include "core/store/workspace.h"

namespace fab::io {

/// Reads and imports `path`. A file that is not valid KLARF (another
/// version, truncated, inconsistent counts) throws fab::Error naming the line
/// and stores nothing; so does a file already imported (unless forced). What
/// the reader accepted with a remark (a SummaryList that disagrees with its
/// DefectList, a wafer centre derived from its die grid) is kept in the
/// batch's notes.
/// The lot takes DeviceID as its product when it has none; the layer is the
/// StepID; the wafer slot is Slot, else the WaferID's trailing digits.
/// Cancellation rolls back and returns status 'cancelled'.
ImportReport importKlarf(store::Workspace& ws, const std::string& path, const BatchOptions& options = {},
                         const Feedback& feedback = {});

}  // namespace fab::io

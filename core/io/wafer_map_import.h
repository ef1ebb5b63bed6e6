#pragma once
// Importing WM-811K-style wafer maps (JSON lines, core/ml/wm811k_maps.h) into
// a workspace as sort results: each map becomes one lot/wafer's dies, all of
// the file in one batch and one transaction.
#include <string>

#include "core/common/feedback.h"
#include "core/io/import_batch.h"
#include "core/store/workspace.h"

namespace fab::io {

/// Bins given to the map's dies: '1' (good) is the pass bin 1, '2' (fail) is bin 0; '0' is no die.
inline constexpr int kWaferMapPassBin = 1;
inline constexpr int kWaferMapFailBin = 0;

/// Reads and imports `path`. Each line's map is stored as the dies of its lot
/// (the "lot" field, else the file's name without extension) and slot (the
/// "wafer_index" field, else the line number); its "wafer" name is the wafer's
/// scribe. Dies keep the map's columns as die_x and count die_y upwards from
/// the bottom row (the workspace's default frame), so the map reads as in the
/// file. A bad line (see parseWm811kMaps) or two maps for the same lot and
/// slot throw fab::Error naming the file and line, and nothing is stored; so
/// does a file already imported (unless forced). Labels are not stored.
/// Cancellation rolls back and returns status 'cancelled'.
ImportReport importWaferMaps(store::Workspace& ws, const std::string& path, const BatchOptions& options = {},
                             const Feedback& feedback = {});

}  // namespace fab::io

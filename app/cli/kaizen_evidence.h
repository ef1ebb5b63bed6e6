#pragma once
// The evidence of a kaizen (core/lean/kaizen_evidence.h) and how `kaizen evidence`
// prints it.
#include <optional>

#include "app/cli/command.h"
#include "core/lean/kaizen_evidence.h"

namespace fab::cli {

using lean::evidenceGate;
using lean::kaizenEvidence;
int printEvidence(const Args& args, std::int64_t kaizenId);

}  // namespace fab::cli

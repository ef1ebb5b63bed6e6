#pragma once
// The commands that need libtorch or the Qt report renderer (classify, train,
// evaluate, report, …) live in a second executable, fabkit-cli-models, so that
// every other command starts without loading either (docs/ARCHITECTURE.md §5).
// fabkit-cli hands such a command over to it with the same arguments.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fab::cli {

/// Where fabkit-cli-models is: beside this executable (build tree), else in
/// ../lib/fabkit/ (installed layout). Empty when it was not built.
std::optional<std::string> modelRuntimePath();

/// The commands fabkit-cli-models offers, with their summaries (asks it; empty when absent).
std::vector<std::pair<std::string, std::string>> modelRuntimeCommands();

/// Replaces this process by fabkit-cli-models with the same arguments; returns only on failure.
int runInModelRuntime(int argc, char** argv);

}  // namespace fab::cli

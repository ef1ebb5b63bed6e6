#pragma once
// Where the pretrained wafer-pattern student shipped with fabkit lives: the
// one lookup the CLI, the GUI and the yield report use.
//
// Searched in order:
//   1. <folder of the executable>/../share/fabkit/models/wafer-pattern-student
//      (the installed layout: bin/fabkit next to share/fabkit)
//   2. <source tree>/resources/models/wafer-pattern-student (running from a build tree)
#include <optional>
#include <string>
#include <vector>

namespace fab::models {

inline constexpr const char* kPretrainedModelName = "wafer-pattern-student";

/// The folders searched for the pretrained model, in order, for an executable in `executableDir`.
std::vector<std::string> pretrainedModelCandidates(const std::string& executableDir);

/// The first candidate folder that holds a model.json, or nullopt.
std::optional<std::string> findPretrainedModel(const std::string& executableDir);

/// The folder of the running executable (from /proc/self/exe); empty when unknown.
std::string executableDir();

/// findPretrainedModel(executableDir()); throws fab::Error naming every folder
/// searched when none holds the model.
std::string pretrainedModelDir();

}  // namespace fab::models

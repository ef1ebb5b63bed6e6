#include "models/classifier/pretrained_model.h"

#include <filesystem>
#include <system_error>

#include "core/common/error.h"
#include "models/classifier/model_card.h"

#ifndef FAB_SOURCE_PRETRAINED_MODEL_DIR
#define FAB_SOURCE_PRETRAINED_MODEL_DIR ""
#endif

namespace fab::models {

namespace fs = std::filesystem;

std::vector<std::string> pretrainedModelCandidates(const std::string& exeDir) {
  std::vector<std::string> out;
  if (!exeDir.empty())
    out.push_back(
        (fs::path(exeDir) / ".." / "share" / "fabkit" / "models" / kPretrainedModelName).lexically_normal().string());
  if (const std::string source = FAB_SOURCE_PRETRAINED_MODEL_DIR; !source.empty()) out.push_back(source);
  return out;
}

std::optional<std::string> findPretrainedModel(const std::string& exeDir) {
  for (const auto& dir : pretrainedModelCandidates(exeDir)) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(dir) / kCardFile, ec)) return dir;
  }
  return std::nullopt;
}

std::string executableDir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string pretrainedModelDir() {
  const auto exeDir = executableDir();
  if (auto dir = findPretrainedModel(exeDir)) return *dir;
  std::string searched;
  for (const auto& dir : pretrainedModelCandidates(exeDir)) searched += (searched.empty() ? "" : ", ") + dir;
  throw Error("the pretrained wafer-pattern model was not found (searched " +
              (searched.empty() ? std::string("nowhere") : searched) +
              "); give a model folder with --model or reinstall fabkit");
}

}  // namespace fab::models

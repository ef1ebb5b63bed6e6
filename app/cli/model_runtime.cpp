#include "app/cli/model_runtime.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

namespace fab::cli {
namespace {
constexpr const char* kRuntimeName = "fabkit-cli-models";

std::filesystem::path selfDirectory() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}
}  // namespace

std::optional<std::string> modelRuntimePath() {
  const auto dir = selfDirectory();
  if (dir.empty()) return std::nullopt;
  for (const auto& candidate : {dir / kRuntimeName, dir / ".." / "lib" / "fabkit" / kRuntimeName}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal().string();
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> modelRuntimeCommands() {
  std::vector<std::pair<std::string, std::string>> commands;
  const auto path = modelRuntimePath();
  if (!path) return commands;
  const std::string shell = "'" + *path + "' --list-commands 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(shell.c_str(), "r"), ::pclose);
  if (!pipe) return commands;
  std::array<char, 512> line{};
  while (std::fgets(line.data(), line.size(), pipe.get())) {
    std::string text(line.data());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto tab = text.find('\t');
    if (tab != std::string::npos) commands.emplace_back(text.substr(0, tab), text.substr(tab + 1));
  }
  return commands;
}

int runInModelRuntime(int argc, char** argv) {
  const auto path = modelRuntimePath();
  if (!path) {
    std::cerr << "fabkit-cli: unknown command '" << (argc > 1 ? argv[1] : "") << "' (the model commands need "
              << kRuntimeName << ", which this build does not include)\n";
    return 2;
  }
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  ::execv(path->c_str(), args.data());
  std::cerr << "fabkit-cli: cannot start " << *path << ": " << std::strerror(errno) << "\n";
  return 3;
}

}  // namespace fab::cli

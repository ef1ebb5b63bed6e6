// fabkit-cli: every analysis of fabkit, headless, with --json for scripts.
#include <cstdio>
#include <iostream>
#include <map>

#include "app/cli/command.h"
#include "app/cli/model_runtime.h"
#include "core/common/error.h"
#include "core/common/version.h"

namespace {
#ifdef FAB_MODEL_RUNTIME
constexpr bool kModelRuntime = true;
#else
constexpr bool kModelRuntime = false;
#endif

void printCommands() {
  std::cout << "fabkit-cli " << fab::kVersion << ": SPC and yield analytics for fab engineers\n\n"
            << "usage: fabkit-cli COMMAND [options]   (fabkit-cli COMMAND --help for its options)\n\ncommands:\n";
  std::map<std::string, std::string> summaries;
  for (const auto& [name, command] : fab::cli::Registry::instance().all()) summaries[name] = command.summary;
  if (!kModelRuntime)
    for (const auto& [name, summary] : fab::cli::modelRuntimeCommands()) summaries.emplace(name, summary);
  for (const auto& [name, summary] : summaries) {
    std::string left = "  " + name;
    left.resize(16, ' ');
    std::cout << left << summary << "\n";
  }
  std::cout << "\nexit status: 0 done, 1 an error in the data (named with its file, line or item), 2 a wrong\n"
               "command line, 3 an internal error (a fault in fabkit: report it with the command line)\n";
}
}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" || std::string(argv[1]) == "help") {
    printCommands();
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  if (kModelRuntime && name == "--list-commands") {  // asked by fabkit-cli for its --help
    for (const auto& [n, command] : fab::cli::Registry::instance().all()) std::cout << n << '\t' << command.summary << '\n';
    return 0;
  }
  if (name == "--version" || name == "version") {
    std::cout << "fabkit-cli " << fab::kVersion << "\n";
    return 0;
  }
  const auto* command = fab::cli::Registry::instance().find(name);
  if (!command && !kModelRuntime) return fab::cli::runInModelRuntime(argc, argv);
  if (!command) {
    std::cerr << "fabkit-cli: unknown command '" << name << "'\n\n";
    printCommands();
    return 2;
  }
  std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      std::cout << fab::cli::helpText(*command);
      return 0;
    }
  try {
    const fab::cli::Args args(*command, rest);
    return command->run(args);
  } catch (const fab::cli::UsageError& e) {
    std::cerr << "fabkit-cli " << name << ": " << e.message << "\n(see fabkit-cli " << name << " --help)\n";
    return 2;
  } catch (const fab::Error& e) {
    std::cerr << "fabkit-cli " << name << ": error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "fabkit-cli " << name << ": internal error: " << e.what() << "\n";
    return 3;
  }
}

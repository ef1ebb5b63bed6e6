#pragma once
// fabkit-cli's subcommands: each is one small file that declares its options
// and registers itself; the dispatcher parses, validates and prints --help.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fab::cli {

struct OptionSpec {
  std::string name;       ///< without the leading dashes: "workspace"
  std::string valueName;  ///< "W"; empty for a flag
  std::string help;
  bool repeatable = false;
};

class Args;

struct Command {
  std::string name;        ///< "import", or "yield" with its own sub-verbs
  std::string summary;     ///< one line for the command list
  std::string usage;       ///< positional part of the synopsis: "FILE"
  std::string description; ///< shown by --help below the synopsis
  std::vector<OptionSpec> options;
  std::function<int(const Args&)> run;  ///< returns the exit code
};

/// Parsed command line of one subcommand, checked against its OptionSpecs.
class Args {
 public:
  Args(const Command& command, const std::vector<std::string>& argv);

  bool has(const std::string& name) const;
  bool flag(const std::string& name) const { return has(name); }
  /// The value of an option; throws a usage error naming the option if absent.
  std::string value(const std::string& name) const;
  std::optional<std::string> optional(const std::string& name) const;
  std::string valueOr(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> values(const std::string& name) const;
  double number(const std::string& name) const;
  double numberOr(const std::string& name, double fallback) const;
  std::optional<double> optionalNumber(const std::string& name) const;
  long long integer(const std::string& name) const;
  long long integerOr(const std::string& name, long long fallback) const;
  /// A comma-separated option split into its items.
  std::vector<std::string> list(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool json() const { return has("json"); }

 private:
  const Command& command_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

/// Thrown for a wrong command line; the dispatcher prints it with a hint to --help and exits 2.
struct UsageError {
  std::string message;
};

class Registry {
 public:
  static Registry& instance();
  void add(Command command);
  const Command* find(const std::string& name) const;
  const std::map<std::string, Command>& all() const { return commands_; }

 private:
  std::map<std::string, Command> commands_;
};

/// Put one `static const Registration r{Command{...}};` in each command file.
struct Registration {
  explicit Registration(Command command) { Registry::instance().add(std::move(command)); }
};

/// The --json flag every command takes.
inline OptionSpec jsonOption() { return {"json", "", "print the result as JSON on stdout"}; }
inline OptionSpec workspaceOption() { return {"workspace", "W", "the workspace file (.fabdb)"}; }

std::string helpText(const Command& command);

}  // namespace fab::cli

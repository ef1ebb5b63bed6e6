#include "app/cli/command.h"

#include <cctype>
#include <sstream>

#include "core/io/field_parse.h"

namespace fab::cli {

Args::Args(const Command& command, const std::vector<std::string>& argv) : command_(command) {
  auto findSpec = [&](const std::string& name) -> const OptionSpec* {
    for (const auto& o : command.options)
      if (o.name == name) return &o;
    return nullptr;
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && (std::isdigit(static_cast<unsigned char>(a[1])) || a[1] == '.'))) {
      std::string name = a.substr(a[1] == '-' ? 2 : 1);
      std::optional<std::string> inlineValue;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* spec = findSpec(name);
      if (!spec) throw UsageError{"unknown option '" + a + "' for '" + command.name + "'"};
      if (spec->valueName.empty()) {
        if (inlineValue) throw UsageError{"option --" + name + " takes no value"};
        values_[name].push_back("");
      } else {
        std::string v;
        if (inlineValue) {
          v = *inlineValue;
        } else {
          if (i + 1 >= argv.size()) throw UsageError{"option --" + name + " needs a value (" + spec->valueName + ")"};
          v = argv[++i];
        }
        if (values_.count(name) && !spec->repeatable)
          throw UsageError{"option --" + name + " given more than once"};
        values_[name].push_back(v);
      }
    } else {
      positional_.push_back(a);
    }
  }
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw UsageError{"option --" + name + " is required"};
  return it->second.front();
}

std::optional<std::string> Args::optional(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::nullopt : std::optional<std::string>(it->second.front());
}

std::string Args::valueOr(const std::string& name, const std::string& fallback) const {
  return optional(name).value_or(fallback);
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

double Args::number(const std::string& name) const {
  const auto text = value(name);
  const auto v = io::parseNumber(text);
  if (!v) throw UsageError{"option --" + name + " expects a number, got '" + text + "'"};
  return *v;
}
double Args::numberOr(const std::string& name, double fallback) const { return has(name) ? number(name) : fallback; }
std::optional<double> Args::optionalNumber(const std::string& name) const {
  return has(name) ? std::optional<double>(number(name)) : std::nullopt;
}

long long Args::integer(const std::string& name) const {
  const auto text = value(name);
  const auto v = io::parseInteger(text);
  if (!v) throw UsageError{"option --" + name + " expects a whole number, got '" + text + "'"};
  return *v;
}
long long Args::integerOr(const std::string& name, long long fallback) const {
  return has(name) ? integer(name) : fallback;
}

std::vector<std::string> Args::list(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& v : values(name)) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ','))
      if (!item.empty()) out.push_back(std::string(io::trim(item)));
  }
  return out;
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}
void Registry::add(Command command) { commands_.emplace(command.name, std::move(command)); }
const Command* Registry::find(const std::string& name) const {
  auto it = commands_.find(name);
  return it == commands_.end() ? nullptr : &it->second;
}

std::string helpText(const Command& c) {
  std::ostringstream out;
  out << "usage: fabkit-cli " << c.name << (c.usage.empty() ? "" : " " + c.usage) << " [options]\n\n" << c.summary << "\n";
  if (!c.description.empty()) out << "\n" << c.description << "\n";
  out << "\noptions:\n";
  for (const auto& o : c.options) {
    std::string left = "  --" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
    if (left.size() < 30) left.resize(30, ' ');
    else left += "\n" + std::string(30, ' ');
    out << left << o.help << (o.repeatable ? " (repeatable)" : "") << "\n";
  }
  out << "  --help                      this text\n";
  return out.str();
}

}  // namespace fab::cli

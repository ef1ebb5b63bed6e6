#include "app/cli/commands_models/real_map_output.h"

#include <iostream>

#include "app/cli/output.h"

namespace fab::cli {

void printClassificationScores(const std::string& title, const ml::ClassificationMetrics& m,
                               const std::string& f1Over) {
  std::cout << "\n"
            << title << ": " << m.count << " maps, accuracy " << fmt(m.accuracy) << ", macro-F1 (" << f1Over << ") "
            << fmt(m.macroF1) << "\n";
  TextTable perClass({"class", "support", "precision", "recall", "F1"});
  for (const auto& c : m.perClass)
    perClass.add({c.name, std::to_string(c.support), fmt(c.precision), fmt(c.recall), fmt(c.f1)});
  perClass.print();
  std::vector<std::string> header{"true \\ predicted"};
  for (const auto& c : m.perClass) header.push_back(c.name);
  TextTable confusion(header);
  for (std::size_t t = 0; t < m.confusion.size(); ++t) {
    std::vector<std::string> row{m.perClass[t].name};
    for (int v : m.confusion[t]) row.push_back(std::to_string(v));
    confusion.add(row);
  }
  std::cout << "\n";
  confusion.print();
}

}  // namespace fab::cli

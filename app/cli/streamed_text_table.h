#pragma once
// A TextTable whose rows are printed as they come: the column widths are fixed
// beforehand (at least each header's), so a long series is never held.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/output.h"

namespace fab::cli {

/// Numbers right-aligned, as TextTable aligns them.
class StreamedTextTable {
 public:
  StreamedTextTable(std::ostream& out, std::vector<std::string> header, std::vector<std::size_t> widths);
  void add(const std::vector<std::string>& row);

 private:
  std::ostream& out_;
  std::vector<std::size_t> widths_;
};

}  // namespace fab::cli

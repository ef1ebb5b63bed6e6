#include "app/cli/streamed_text_table.h"

#include <algorithm>

namespace fab::cli {

StreamedTextTable::StreamedTextTable(std::ostream& out, std::vector<std::string> header,
                                     std::vector<std::size_t> widths)
    : out_(out), widths_(std::move(widths)) {
  widths_.resize(header.size(), 0);
  for (std::size_t i = 0; i < header.size(); ++i) widths_[i] = std::max(widths_[i], textWidth(header[i]));
  printTextRow(out_, widths_, header);
  std::vector<std::string> rule;
  for (auto w : widths_) rule.emplace_back(w, '-');
  printTextRow(out_, widths_, rule);
}

void StreamedTextTable::add(const std::vector<std::string>& row) { printTextRow(out_, widths_, row); }

}  // namespace fab::cli

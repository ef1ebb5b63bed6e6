#pragma once
// The demo workspace built once per test run, PDF helpers (pdftotext, pdfinfo
// from poppler-utils) and the rendering of a report request to a PDF.
#include <QString>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/demo/demo_workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

/// Output of a shell command (stdout).
inline std::string commandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    ::pclose(pipe);
  }
  return out;
}

/// The PDF's text, laid out as printed (pdftotext -layout).
inline std::string pdfText(const std::string& pdf) {
  return commandOutput("pdftotext -layout '" + pdf + "' - 2>/dev/null");
}

/// The number of pages pdfinfo reports (-1 when it cannot read the file).
inline int pdfPages(const std::string& pdf) {
  const auto info = commandOutput("pdfinfo '" + pdf + "' 2>/dev/null");
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

/// pdfinfo's "Page size:" line.
inline std::string pdfPageSize(const std::string& pdf) {
  const auto info = commandOutput("pdfinfo '" + pdf + "' 2>/dev/null");
  const auto at = info.find("Page size:");
  return at == std::string::npos ? "" : info.substr(at, info.find('\n', at) - at);
}

/// The demo workspace, built once and shared read-only by the tests.
inline const std::string& demoWorkspace() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string p = dir.path("demo.fabdb");
    demo::buildDemoWorkspace(p);
    return p;
  }();
  return path;
}

}  // namespace fab::test

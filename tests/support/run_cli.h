#pragma once
// Runs fabkit-cli as a child process for end-to-end tests.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fab::test {

struct CliResult {
  int exitCode = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

inline std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// A file name for one child's standard error that no other test process shares
/// (ctest runs tests in parallel).
inline std::string uniqueErrFile() {
  static int counter = 0;
  return "/tmp/fabkit-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".err";
}

/// Runs `fabkit-cli ARGS…`; stderr goes to a file of this process's own and is read back.
inline CliResult runCli(const std::vector<std::string>& args, std::string errFile = {}) {
  const bool ownFile = errFile.empty();
  if (ownFile) errFile = uniqueErrFile();
  std::string command = shellQuote(FAB_CLI_PATH);
  for (const auto& a : args) command += " " + shellQuote(a);
  command += " 2>" + shellQuote(errFile);
  CliResult result;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::ifstream err(errFile);
  std::stringstream ss;
  ss << err.rdbuf();
  result.err = ss.str();
  if (ownFile) std::remove(errFile.c_str());
  return result;
}

/// Runs `fabkit-cli ARGS`, ARGS one command-line string quoted by the caller;
/// stderr joins stdout when asked, else it is dropped.
inline CliResult runCliLine(const std::string& args, bool withStderr = false) {
  const std::string command = shellQuote(FAB_CLI_PATH) + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
  CliResult result;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return result;
}

}  // namespace fab::test

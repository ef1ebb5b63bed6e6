#pragma once
// Runs `fabkit-cli ARGS --json`, expects success and returns the parsed output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_cli.h"

namespace fab::test {

inline nlohmann::json cliJson(const std::string& args) {
  const auto r = runCliLine(args + " --json");
  EXPECT_EQ(r.exitCode, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

}  // namespace fab::test

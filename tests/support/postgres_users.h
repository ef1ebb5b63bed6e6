#pragma once
// Database users for the tests of a shared workspace's roles: made for one
// test run on the test server, which trusts loopback connections.
#include <unistd.h>

#include <string>

#include "core/store/database.h"

namespace fab::test {

/// The workspace URL with another user name.
inline std::string asUser(const std::string& url, const std::string& user) {
  const auto scheme = url.find("://") + 3, at = url.find('@', scheme);
  return url.substr(0, scheme) + user + url.substr(at);
}

/// A login user made for this test run, named after `name` and the process.
inline std::string makeUser(store::Database& admin, const std::string& name) {
  const std::string user = "fabkit_test_" + name + "_" + std::to_string(::getpid());
  admin.exec("DROP ROLE IF EXISTS " + user + "; CREATE ROLE " + user + " LOGIN");  // names made here
  return user;
}

}  // namespace fab::test

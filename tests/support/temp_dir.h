#pragma once
// A fresh temporary folder per test, removed afterwards, with helpers to write files.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace fab::test {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("fabkit-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `content` byte for byte to a file in the folder and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto p = path(name);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string referenceFile(const std::string& name) { return std::string(FAB_REFERENCE_DIR) + "/" + name; }

}  // namespace fab::test

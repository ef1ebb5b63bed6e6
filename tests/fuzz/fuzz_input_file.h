#pragma once
// libFuzzer hands bytes; fabkit's readers take files. Each input is written to
// one scratch file in shared memory, reused for the whole run.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace fab::fuzz {

inline const std::string& scratchPath(const char* name) {
  static const std::string path = std::string("/dev/shm/fabkit-fuzz-") + std::to_string(getpid()) + "-" + name;
  return path;
}

inline const std::string& writeInput(const char* name, const std::uint8_t* data, std::size_t size) {
  const auto& path = scratchPath(name);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  return path;
}

}  // namespace fab::fuzz

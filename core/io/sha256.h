#pragma once
#include <string>

namespace fab::io {

/// Lower-case hex SHA-256 of a file's bytes (OpenSSL's libcrypto).
std::string sha256OfFile(const std::string& path);

}  // namespace fab::io

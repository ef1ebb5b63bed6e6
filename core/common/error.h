#pragma once
// The one exception type the core throws: a message a user can act on.
#include <stdexcept>
#include <string>

namespace fab {

/// Thrown by core for anything the user can fix (bad input, bad option,
/// unreadable file). The message names the file, line and column where known.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown when a long computation was cancelled through its Feedback.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled by the user") {}
};

}  // namespace fab

#pragma once
// The one exception type the core throws: a message a user can act on.
#include <exception>
#include <stdexcept>
#include <string>

namespace fab {

/// Thrown by core for anything the user can fix (bad input, bad option,
/// unreadable file). The message names the file, line and column where known.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown when a long computation was cancelled through its Feedback. Not an
/// Error: code that handles a failed step (catch (const Error&)) and carries on
/// must never swallow a cancel; it reaches whoever started the work.
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "cancelled by the user"; }
};

}  // namespace fab

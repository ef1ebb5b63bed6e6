#pragma once
// What loading a model folder says when it refuses the model.
#include <string>

#include "core/common/error.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::test {

/// The message WaferClassifier::load throws for `dir`, or "" when it loads.
inline std::string loadError(const std::string& dir) {
  try {
    models::WaferClassifier::load(dir, models::DeviceChoice::Cpu);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace fab::test

#pragma once
// What the commands that run a trained classifier (classify, evaluate,
// similar) share: the --model, --device and --threads options and loading
// the model they name.
#include <string>

#include "app/cli/command.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::cli {

inline OptionSpec modelOption() {
  return {"model", "DIR", "model folder (model.json + model.pt), or a train --out folder (its student)"};
}
inline OptionSpec deviceOption() { return {"device", "D", "auto, cpu or cuda (default auto)"}; }
inline OptionSpec threadsOption() { return {"threads", "N", "CPU threads for libtorch (default: all)"}; }

struct ChosenModel {
  std::string dir;  ///< the model folder itself (a train --out folder resolved to its student)
  models::WaferClassifier model;
};

/// Sets libtorch's threads from --threads (0: all), resolves `given` (a model
/// folder or a train --out folder) and loads the model there on --device.
ChosenModel loadChosenModel(const Args& args, const std::string& given);

}  // namespace fab::cli

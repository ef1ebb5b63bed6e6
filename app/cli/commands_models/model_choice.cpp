#include "app/cli/commands_models/model_choice.h"

#include "models/classifier/model_card.h"

namespace fab::cli {

ChosenModel loadChosenModel(const Args& args, const std::string& given) {
  models::setTorchThreads(static_cast<int>(args.integerOr("threads", 0)));
  auto dir = models::modelFolder(given);
  auto model = models::WaferClassifier::load(dir, models::deviceChoiceFromName(args.valueOr("device", "auto")));
  return {std::move(dir), std::move(model)};
}

}  // namespace fab::cli

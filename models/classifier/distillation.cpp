#include "models/classifier/distillation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"
#include "models/classifier/classifier_impl.h"

namespace fab::models {
namespace {

/// Hinton et al. (2015), §2: soft targets at temperature T, their gradient
/// scaled by T² so that it keeps its size relative to the hard-label term.
torch::Tensor hintonLoss(const torch::Tensor& student, const torch::Tensor& teacher, const torch::Tensor& labels,
                         double temperature, double alpha) {
  auto ce = torch::nn::functional::cross_entropy(student, labels);
  if (!teacher.defined()) return ce;
  const auto logStudent = torch::log_softmax(student / temperature, 1);
  const auto logTeacher = torch::log_softmax(teacher / temperature, 1);
  const auto kl = (logTeacher.exp() * (logTeacher - logStudent)).sum(1).mean();
  return alpha * ce + (1.0 - alpha) * temperature * temperature * kl;
}

torch::Tensor labelTensor(std::span<const int> labels, torch::Device device) {
  std::vector<std::int64_t> wide(labels.begin(), labels.end());
  return torch::tensor(wide, torch::kLong).to(device);
}

void setLearningRate(torch::optim::AdamW& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

}  // namespace

void TrainingOptions::validate() const {
  if (epochs < 1 || epochs > 10000) throw Error("epochs must be 1…10000, got " + std::to_string(epochs));
  if (batchSize < 2 || batchSize > 65536)
    throw Error("the batch size must be 2…65536, got " + std::to_string(batchSize));
  if (!(learningRate > 0 && learningRate < 10)) throw Error("the learning rate must be in (0, 10)");
  if (!(weightDecay >= 0 && weightDecay < 1)) throw Error("the weight decay must be in [0, 1)");
  if (!(temperature > 0 && temperature <= 100))
    throw Error("the distillation temperature must be in (0, 100], got " + std::to_string(temperature));
  if (!(alpha >= 0 && alpha <= 1))
    throw Error("alpha (the hard-label weight) must be in [0, 1], got " + std::to_string(alpha));
  if (threads < 0) throw Error("the thread count must be 0 (all) or more");
}

double distillationLoss(std::span<const float> studentLogits, std::span<const float> teacherLogits,
                        std::span<const int> labels, double temperature, double alpha) {
  if (labels.empty() || studentLogits.size() % labels.size() != 0 || studentLogits.size() == labels.size())
    throw Error("distillation loss: the student logits must be n × k with k ≥ 2 for n labels");
  if (!teacherLogits.empty() && teacherLogits.size() != studentLogits.size())
    throw Error("distillation loss: teacher and student logits differ in size");
  const auto n = static_cast<std::int64_t>(labels.size());
  const auto k = static_cast<std::int64_t>(studentLogits.size()) / n;
  for (int y : labels)
    if (y < 0 || y >= k) throw Error("distillation loss: a label is outside 0…" + std::to_string(k - 1));
  auto asTensor = [&](std::span<const float> v) {
    return torch::from_blob(const_cast<float*>(v.data()), {n, k}, torch::kFloat32).clone();
  };
  torch::NoGradGuard noGrad;
  const auto teacher = teacherLogits.empty() ? torch::Tensor() : asTensor(teacherLogits);
  return hintonLoss(asTensor(studentLogits), teacher, labelTensor(labels, torch::kCPU), temperature, alpha)
      .item<double>();
}

double accuracy(const WaferClassifier& model, const ml::MapDataset& data) {
  if (data.size() == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto z = model.logits(data.inputs);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto row = z.begin() + i * ml::kPatternCount;
    correct += (std::max_element(row, row + ml::kPatternCount) - row) == data.labels[i];
  }
  return static_cast<double>(correct) / data.size();
}

TrainingHistory trainClassifier(WaferClassifier& model, const ml::MapDataset& train, const TrainingOptions& options,
                                const WaferClassifier* teacher, const ml::MapDataset* validation,
                                const EpochCallback& onEpoch, const Feedback& feedback) {
  options.validate();
  if (train.size() < 2) throw Error("training needs at least 2 maps");
  if (train.gridSize != model.gridSize() || (validation && validation->gridSize != model.gridSize()))
    throw Error("the maps are prepared on a " + std::to_string(train.gridSize) + " grid but the model expects " +
                std::to_string(model.gridSize()));
  if (teacher && teacher->gridSize() != model.gridSize()) throw Error("teacher and student grid sizes differ");
  setTorchThreads(options.threads);
  auto& impl = model.impl();
  impl.inference.reset();  // the weights change from here on; rebuilt below
  const auto device = impl.device;
  const auto start = std::chrono::steady_clock::now();

  const auto inputs = inputTensor(train.inputs, train.gridSize, device);
  const auto labels = labelTensor(train.labels, device);
  torch::Tensor soft;
  if (teacher) {
    feedback.report(0.0, "teacher predictions");
    const auto t = teacher->logits(train.inputs);
    soft = torch::from_blob(const_cast<float*>(t.data()), {static_cast<std::int64_t>(train.size()), ml::kPatternCount},
                            torch::kFloat32)
               .to(device, false, true);
  }

  TrainingHistory history;
  history.stage = model.card().role;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
  torch::optim::AdamW optimizer(impl.net->parameters(),
                                torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
  const auto n = static_cast<std::int64_t>(train.size());
  const std::int64_t batch = std::min<std::int64_t>(options.batchSize, n);
  const std::int64_t steps = (n + batch - 1) / batch;
  const double totalSteps = static_cast<double>(steps) * options.epochs;
  std::int64_t step = 0;
  double trainingSeconds = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto epochStart = std::chrono::steady_clock::now();
    impl.net->train();
    const auto order = torch::randperm(n, generator, torch::kLong).to(device);
    double lossSum = 0;
    std::int64_t correct = 0, seen = 0;
    for (std::int64_t b = 0; b < steps; ++b, ++step) {
      feedback.checkCancelled();
      const auto index = order.slice(0, b * batch, std::min(n, (b + 1) * batch));
      if (index.size(0) >= 2) {  // batch norm needs two maps: a last batch of one is skipped
        setLearningRate(optimizer, options.learningRate * 0.5 * (1 + std::cos(std::numbers::pi * step / totalSteps)));
        const auto y = labels.index_select(0, index);
        optimizer.zero_grad();
        auto [x, features] = impl.net->split(inputs.index_select(0, index));
        if (options.augment) {
          // One of the 8 symmetries of the square per batch: the classes do not
          // change under them (the notch is not part of the image), nor do the
          // shape features (map_shape_features.h).
          const auto symmetry = torch::randint(0, 8, {1}, generator, torch::kLong).item<std::int64_t>();
          x = underSymmetry(x, static_cast<int>(symmetry));
        }
        const auto out = impl.net->forward(x, features);
        const auto loss = hintonLoss(out, soft.defined() ? soft.index_select(0, index) : torch::Tensor(), y,
                                     options.temperature, options.alpha);
        loss.backward();
        optimizer.step();
        lossSum += loss.item<double>() * index.size(0);
        correct += out.argmax(1).eq(y).sum().item<std::int64_t>();
        seen += index.size(0);
      }
      feedback.report((step + 1) / totalSteps, history.stage);
    }
    trainingSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
    EpochReport r{history.stage,
                  epoch,
                  options.epochs,
                  lossSum / seen,
                  static_cast<double>(correct) / seen,
                  validation ? accuracy(model, *validation) : std::numeric_limits<double>::quiet_NaN(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count()};
    history.epochs.push_back(r);
    if (onEpoch) onEpoch(r);
  }
  impl.prepareInference();
  history.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  history.mapsPerSecond = static_cast<double>(n) * options.epochs / trainingSeconds;
  return history;
}

}  // namespace fab::models

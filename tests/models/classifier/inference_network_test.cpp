// The student's inference network (batch norms folded, XNNPACK convolutions)
// against the same network run layer by layer by libtorch in eval mode.
#include <gtest/gtest.h>

#include "core/ml/map_dataset.h"
#include "models/classifier/classifier_impl.h"
#include "models/classifier/distillation.h"
#include "models/classifier/inference_network.h"

namespace fab::models {
namespace {

/// Batch norms with statistics and affine terms far from the identity, so that folding them matters.
void randomiseBatchNorms(WaferNetImpl& net, std::uint64_t seed) {
  torch::manual_seed(seed);
  torch::NoGradGuard noGrad;
  for (const auto& item : net.named_buffers()) {
    const auto& name = item.key();
    auto buffer = item.value();
    if (name.ends_with("running_mean")) buffer.copy_(torch::randn_like(buffer) * 0.5);
    if (name.ends_with("running_var")) buffer.copy_(torch::rand_like(buffer) * 2 + 0.1);
  }
  for (const auto& item : net.named_parameters()) {
    const auto& name = item.key();
    auto p = item.value();
    if (name.find("bn") != std::string::npos || name.find("norm") != std::string::npos) {
      if (name.ends_with("weight")) p.copy_(torch::rand_like(p) + 0.5);
      if (name.ends_with("bias")) p.copy_(torch::randn_like(p) * 0.3);
    }
  }
}

/// Inputs as the classifier sees them: one-hot pixels and standardised-scale features.
std::pair<torch::Tensor, torch::Tensor> inputs(int n, int grid) {
  const auto pixels = torch::randint(0, ml::kInputChannels, {n, grid, grid}, torch::kLong);
  auto images = torch::one_hot(pixels, ml::kInputChannels).permute({0, 3, 1, 2}).to(torch::kFloat32).contiguous();
  return {images, torch::randn({n, ml::kShapeFeatureCount})};
}

TEST(InferenceNetwork, EqualsTheLayerByLayerStudentInEvalMode) {
  for (const int grid : {32, 16}) {
    auto net = WaferNet(Architecture::student(), ml::kPatternCount, grid);
    randomiseBatchNorms(*net, 3);
    net->eval();
    const auto inference = InferenceNetwork::build(*net, NetworkKind::SeparableStudent);
    ASSERT_NE(inference, nullptr) << "this libtorch has XNNPACK (Debian builds it in)";
    for (const int n : {1, 7}) {
      const auto [images, features] = inputs(n, grid);
      torch::NoGradGuard noGrad;
      const auto expected = net->embed(images, features);
      const auto got = torch::cat({inference->image(images), inference->featureEmbedding(features)}, 1);
      ASSERT_EQ(got.sizes(), expected.sizes());
      const double scale = expected.abs().max().item<double>();
      EXPECT_GT(scale, 0.1);
      EXPECT_LT((got - expected).abs().max().item<double>(), 1e-5 * scale) << "grid " << grid << ", " << n << " maps";
    }
  }
}

TEST(InferenceNetwork, DoesNotApplyToTheResidualTeacher) {
  auto net = WaferNet(Architecture::tinyTeacher(), ml::kPatternCount, 16);
  net->eval();
  EXPECT_EQ(InferenceNetwork::build(*net, NetworkKind::ResidualTeacher), nullptr);
}

TEST(InferenceNetwork, FollowsTheWeightsThroughTraining) {
  // Classification after training runs the inference network built from the trained weights, not
  // from the ones the model was created with.
  const auto data = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Training, 3), 0, 30, 16);
  auto model = WaferClassifier::create(Architecture::tinyStudent(), 4, "student", DeviceChoice::Cpu, 16);
  ASSERT_NE(model.impl().inference, nullptr);
  TrainingOptions options;
  options.epochs = 1;
  options.batchSize = 8;
  options.threads = 1;
  trainClassifier(model, data, options);
  ASSERT_NE(model.impl().inference, nullptr);
  const auto logits = model.logits(data.inputs);
  auto& impl = model.impl();
  torch::NoGradGuard noGrad;
  impl.net->eval();
  const auto x =
      torch::from_blob(const_cast<float*>(data.inputs.data()),
                       {static_cast<std::int64_t>(data.size()), static_cast<std::int64_t>(ml::classifierInputSize(16))},
                       torch::kFloat32);
  const auto expected = impl.net->forward(x).contiguous();
  const auto* e = expected.data_ptr<float>();
  for (std::size_t i = 0; i < logits.size(); ++i) EXPECT_NEAR(logits[i], e[i], 1e-4 * (1 + std::abs(e[i])));
}

}  // namespace
}  // namespace fab::models

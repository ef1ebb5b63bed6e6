#include "models/classifier/networks.h"

#include "core/ml/classifier_input.h"

namespace fab::models {
namespace {

namespace nn = torch::nn;

nn::Conv2d conv(int in, int out, int kernel, int stride, int groups = 1) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).groups(groups).bias(false));
}

/// y = ReLU(BN(conv3×3(ReLU(BN(conv3×3(x))))) + shortcut(x)), the shortcut a
/// strided 1×1 convolution with batch norm when the shape changes
/// (He et al. 2016, §3.3, option B).
struct ResidualBlockImpl : nn::Module {
  ResidualBlockImpl(int in, int out, int stride)
      : conv1(register_module("conv1", conv(in, out, 3, stride))),
        bn1(register_module("bn1", nn::BatchNorm2d(out))),
        conv2(register_module("conv2", conv(out, out, 3, 1))),
        bn2(register_module("bn2", nn::BatchNorm2d(out))) {
    if (stride != 1 || in != out) {
      shortcut = register_module("shortcut", conv(in, out, 1, stride));
      shortcutBn = register_module("shortcut_bn", nn::BatchNorm2d(out));
    }
  }
  torch::Tensor forward(torch::Tensor x) {
    auto y = bn2(conv2(torch::relu(bn1(conv1(x)))));
    return torch::relu(y + (shortcut ? shortcutBn(shortcut(x)) : x));
  }
  nn::Conv2d conv1;
  nn::BatchNorm2d bn1;
  nn::Conv2d conv2;
  nn::BatchNorm2d bn2;
  nn::Conv2d shortcut{nullptr};
  nn::BatchNorm2d shortcutBn{nullptr};
};

/// Depthwise 3×3 (groups = channels) then pointwise 1×1, each with BN and ReLU.
struct SeparableBlockImpl : nn::Module {
  SeparableBlockImpl(int in, int out, int stride)
      : depthwise(register_module("depthwise", conv(in, in, 3, stride, in))),
        bn1(register_module("bn1", nn::BatchNorm2d(in))),
        pointwise(register_module("pointwise", conv(in, out, 1, 1))),
        bn2(register_module("bn2", nn::BatchNorm2d(out))) {}
  torch::Tensor forward(torch::Tensor x) { return torch::relu(bn2(pointwise(torch::relu(bn1(depthwise(x)))))); }
  nn::Conv2d depthwise;
  nn::BatchNorm2d bn1;
  nn::Conv2d pointwise;
  nn::BatchNorm2d bn2;
};

}  // namespace

WaferNetImpl::WaferNetImpl(const Architecture& a, int classes, int grid) : gridSize(grid) {
  a.validate();
  nn::Sequential net;
  net->push_back("stem", conv(ml::kInputChannels, a.widths[0], 3, a.strides[0]));
  net->push_back("stem_bn", nn::BatchNorm2d(a.widths[0]));
  net->push_back("stem_relu", nn::Functional(torch::relu));
  for (std::size_t i = 1; i < a.widths.size(); ++i) {
    auto name = "block" + std::to_string(i);
    if (a.kind == NetworkKind::ResidualTeacher)
      net->push_back(std::move(name), std::make_shared<ResidualBlockImpl>(a.widths[i - 1], a.widths[i], a.strides[i]));
    else
      net->push_back(std::move(name), std::make_shared<SeparableBlockImpl>(a.widths[i - 1], a.widths[i], a.strides[i]));
  }
  net->push_back("pool", nn::AdaptiveAvgPool2d(1));
  net->push_back("flatten", nn::Flatten());
  image = register_module("image", net);
  featureNorm = register_module("feature_norm", nn::BatchNorm1d(ml::kShapeFeatureCount));
  featureLayer = register_module("feature_layer", nn::Linear(ml::kShapeFeatureCount, kShapeHiddenWidth));
  embeddingSize = a.widths.back() + kShapeHiddenWidth;
  classifier = register_module("classifier", nn::Linear(embeddingSize, classes));
}

std::pair<torch::Tensor, torch::Tensor> WaferNetImpl::split(const torch::Tensor& inputs) const {
  const auto pixels = static_cast<std::int64_t>(ml::classifierImageSize(gridSize));
  const auto n = inputs.size(0);
  return {inputs.narrow(1, 0, pixels).view({n, ml::kInputChannels, gridSize, gridSize}),
          inputs.narrow(1, pixels, ml::kShapeFeatureCount)};
}

torch::Tensor WaferNetImpl::featureEmbedding(const torch::Tensor& features) {
  return torch::relu(featureLayer(featureNorm(features)));
}

torch::Tensor WaferNetImpl::embed(const torch::Tensor& images, const torch::Tensor& features) {
  return torch::cat({image->forward(images), featureEmbedding(features)}, 1);
}

torch::Tensor WaferNetImpl::forward(const torch::Tensor& images, const torch::Tensor& features) {
  return classifier(embed(images, features));
}

torch::Tensor WaferNetImpl::forward(const torch::Tensor& inputs) {
  const auto [images, features] = split(inputs);
  return forward(images, features);
}

torch::Tensor underSymmetry(const torch::Tensor& images, int s) {
  auto x = s % 4 ? torch::rot90(images, s % 4, {2, 3}) : images;
  return s >= 4 ? x.flip({3}) : x;
}

std::int64_t countParameters(const torch::nn::Module& module) {
  std::int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

}  // namespace fab::models

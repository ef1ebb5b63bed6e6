#include "models/classifier/inference_network.h"

#include <ATen/core/dispatch/Dispatcher.h>

#include "core/common/error.h"

namespace fab::models {
namespace {

namespace nn = torch::nn;

/// s = γ/√(σ² + ε) and β − μ·s of a batch norm in eval mode, per channel.
std::pair<torch::Tensor, torch::Tensor> foldedScaleAndShift(const torch::Tensor& gamma, const torch::Tensor& beta,
                                                            const torch::Tensor& mean, const torch::Tensor& variance,
                                                            double eps) {
  const auto scale = gamma / torch::sqrt(variance + eps);
  return {scale, beta - mean * scale};
}

c10::OperatorHandle xnnpackOperator(const char* name) {
  return c10::Dispatcher::singleton().findSchemaOrThrow(name, "");
}

/// Conv2d followed by BatchNorm2d and ReLU, prepacked for XNNPACK with the norm folded in.
c10::IValue prepackedConvolution(const nn::Conv2dImpl& conv, const nn::BatchNorm2dImpl& norm) {
  const auto& o = conv.options;
  const auto [scale, shift] =
      foldedScaleAndShift(norm.weight, norm.bias, norm.running_mean, norm.running_var, norm.options.eps());
  auto weight = (conv.weight * scale.view({-1, 1, 1, 1})).contiguous();
  auto bias = conv.bias.defined() ? (shift + conv.bias * scale) : shift;
  const auto pair = [](const torch::ExpandingArray<2>& a) { return std::vector<std::int64_t>{a->at(0), a->at(1)}; };
  const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
  if (!padding) throw Error("the inference network expects explicit convolution padding");
  torch::jit::Stack stack;
  stack.emplace_back(weight);
  stack.emplace_back(c10::optional<torch::Tensor>(bias.contiguous()));
  stack.emplace_back(pair(o.stride()));
  stack.emplace_back(pair(*padding));
  stack.emplace_back(pair(o.dilation()));
  stack.emplace_back(static_cast<std::int64_t>(o.groups()));
  stack.emplace_back(c10::optional<at::Scalar>(0.0));  // ReLU: clamp below at 0
  stack.emplace_back(c10::optional<at::Scalar>());     // no upper clamp
  xnnpackOperator("prepacked::conv2d_clamp_prepack").callBoxed(&stack);
  return stack.at(0);
}

}  // namespace

std::shared_ptr<const InferenceNetwork> InferenceNetwork::build(WaferNetImpl& net, NetworkKind kind) {
  if (kind != NetworkKind::SeparableStudent || !at::globalContext().isXNNPACKAvailable()) return nullptr;
  if (!c10::Dispatcher::singleton().findSchema({"prepacked::conv2d_clamp_run", ""})) return nullptr;
  torch::NoGradGuard noGrad;
  auto out = std::make_shared<InferenceNetwork>();
  // In the separable student every convolution is followed by its batch norm and a ReLU
  // (networks.cpp): the stem, then each block's depthwise and pointwise convolutions.
  const nn::Conv2dImpl* pending = nullptr;
  for (const auto& module : net.image->modules(/*include_self=*/false)) {
    if (const auto* conv = module->as<nn::Conv2d>()) {
      if (pending) throw Error("the inference network expects a batch norm after every convolution");
      pending = conv;
    } else if (const auto* norm = module->as<nn::BatchNorm2d>()) {
      if (!pending) throw Error("the inference network expects a convolution before every batch norm");
      out->convolutions_.push_back(prepackedConvolution(*pending, *norm));
      pending = nullptr;
    }
  }
  if (pending || out->convolutions_.empty()) throw Error("the inference network found no convolution to fold");
  // featureLayer(featureNorm(f)) = A(f·s + t) + c = (A·diag(s)) f + (A t + c).
  const auto& norm = *net.featureNorm;
  const auto [scale, shift] =
      foldedScaleAndShift(norm.weight, norm.bias, norm.running_mean, norm.running_var, norm.options.eps());
  const auto& a = net.featureLayer->weight;
  out->featureWeight_ = (a * scale.view({1, -1})).contiguous();
  out->featureBias_ = (net.featureLayer->bias + a.matmul(shift)).contiguous();
  return out;
}

torch::Tensor InferenceNetwork::featureEmbedding(const torch::Tensor& features) const {
  return torch::relu(torch::linear(features, featureWeight_, featureBias_));
}

torch::Tensor InferenceNetwork::image(const torch::Tensor& images) const {
  static const auto run = xnnpackOperator("prepacked::conv2d_clamp_run");
  auto x = images.contiguous(at::MemoryFormat::ChannelsLast);
  const std::lock_guard lock(running_);
  for (const auto& convolution : convolutions_) {
    torch::jit::Stack stack;
    stack.emplace_back(std::move(x));
    stack.emplace_back(convolution);
    run.callBoxed(&stack);
    x = stack.at(0).toTensor();
  }
  return x.mean({2, 3});
}

}  // namespace fab::models

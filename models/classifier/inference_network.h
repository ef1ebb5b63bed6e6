#pragma once
// The trained student as it runs for classification on the CPU. Only the
// classifier's own .cpp files include this header.
#include <ATen/core/ivalue.h>
#include <torch/torch.h>

#include <memory>
#include <mutex>
#include <vector>

#include "models/classifier/networks.h"

namespace fab::models {

/// WaferNetImpl::embed of a trained separable student in eval mode, computed faster:
/// - every batch norm folded into the layer before it: BN(conv(x)) = conv'(x) with
///   w' = w·s and b' = β − μ·s per output channel, s = γ/√(σ² + ε) (Ioffe & Szegedy 2015, eq. for
///   inference; Jacob et al. 2018, §3.2, "batch normalization folding");
/// - each convolution with its ReLU run by XNNPACK (libtorch's prepacked conv2d_clamp operators)
///   on channels-last tensors. At batch 1 libtorch's general convolution spends most of its time
///   setting up each call; the student's nine convolutions take about a third of that time here.
/// Its two halves, side by side, equal embed() to float rounding (tests/models/classifier/inference_network_test.cpp).
class InferenceNetwork {
 public:
  /// The network ready to run, or nullptr where this form does not apply: a residual teacher
  /// (its sums do not fold this way), or a libtorch without XNNPACK.
  static std::shared_ptr<const InferenceNetwork> build(WaferNetImpl& net, NetworkKind kind);

  /// The pooled image features, as WaferNetImpl::image; images n × C × G × G on the CPU.
  torch::Tensor image(const torch::Tensor& images) const;
  /// The shape features' hidden layer, as WaferNetImpl::featureEmbedding; features n × F on the CPU.
  torch::Tensor featureEmbedding(const torch::Tensor& features) const;

 private:
  std::vector<c10::IValue> convolutions_;  ///< prepacked conv + ReLU, in order
  /// An XNNPACK operator is set up with the shape and buffers of each run: one run at a time.
  mutable std::mutex running_;
  torch::Tensor featureWeight_;  ///< featureLayer ∘ featureNorm, folded
  torch::Tensor featureBias_;
};

}  // namespace fab::models

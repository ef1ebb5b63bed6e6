#pragma once
// The networks themselves (libtorch). Only the classifier's own .cpp files
// include this header; everything else goes through wafer_classifier.h.
#include <torch/torch.h>

#include "models/classifier/architecture.h"

namespace fab::models {

/// The classifier network: n rows of classifier inputs (ml::classifierInputSize)
/// to n × classes logits, for any grid G. The image goes through the
/// convolutional stages of the architecture and global average pooling; the
/// shape features are standardised (batch norm, whose running mean and
/// variance keep the training set's) and pass one hidden layer; the last
/// linear layer reads both side by side, which is the map's embedding.
struct WaferNetImpl : torch::nn::Module {
  WaferNetImpl(const Architecture& architecture, int classes, int gridSize);
  torch::Tensor forward(const torch::Tensor& inputs);
  /// The same on inputs already split: images n × C × G × G, features n × F.
  torch::Tensor forward(const torch::Tensor& images, const torch::Tensor& features);
  /// The input of the last layer, n × embeddingSize.
  torch::Tensor embed(const torch::Tensor& images, const torch::Tensor& features);
  /// The shape features' hidden layer, n × kShapeHiddenWidth.
  torch::Tensor featureEmbedding(const torch::Tensor& features);
  /// Inputs (n × ml::classifierInputSize) as images (n × C × G × G) and features (n × F), views of them.
  std::pair<torch::Tensor, torch::Tensor> split(const torch::Tensor& inputs) const;

  int gridSize;
  std::int64_t embeddingSize;
  torch::nn::Sequential image{nullptr};
  torch::nn::BatchNorm1d featureNorm{nullptr};
  torch::nn::Linear featureLayer{nullptr};
  torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(WaferNet);

/// Width of the hidden layer the shape features pass before the last layer.
inline constexpr int kShapeHiddenWidth = 32;

std::int64_t countParameters(const torch::nn::Module& module);

/// Images (n × C × G × G) under symmetry s (0…7) of the square: s mod 4 quarter turns, then mirrored
/// left to right when s ≥ 4; s = 0 gives the images themselves. Neither the classes nor the shape
/// features change under these (map_shape_features.h).
torch::Tensor underSymmetry(const torch::Tensor& images, int s);

}  // namespace fab::models

#pragma once
// WaferClassifier's inside, shared by the classifier's libtorch files only.
#include <torch/torch.h>

#include "models/classifier/inference_network.h"
#include "models/classifier/networks.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {

struct WaferClassifier::Impl {
  WaferNet net{nullptr};
  torch::Device device{torch::kCPU};
  ModelCard card;
  /// The network as classification runs it on the CPU (inference_network.h): built from the
  /// weights after creating, loading or training; empty while training changes them, on CUDA,
  /// and where that form does not apply.
  std::shared_ptr<const InferenceNetwork> inference;

  void prepareInference();
  /// n × embeddingSize for inputs n × ml::classifierInputSize(G) on `device`, in eval mode.
  torch::Tensor embed(const torch::Tensor& inputs);
};

/// The device a choice resolves to; throws fab::Error for CUDA without a usable GPU.
torch::Device resolveDevice(DeviceChoice choice);

/// n × ml::classifierInputSize(G) inputs as a tensor on `device` (a copy).
torch::Tensor inputTensor(std::span<const float> inputs, int gridSize, torch::Device device);

}  // namespace fab::models

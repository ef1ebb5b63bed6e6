#pragma once
// The networks themselves (libtorch). Only the classifier's own .cpp files
// include this header; everything else goes through wafer_classifier.h.
#include <torch/torch.h>

#include "models/classifier/architecture.h"

namespace fab::models {

/// A network mapping n × 3 × G × G maps to n × classes logits, for any grid G
/// (global average pooling before the last layer).
torch::nn::Sequential buildNetwork(const Architecture& architecture, int classes);

std::int64_t countParameters(const torch::nn::Module& module);

}  // namespace fab::models

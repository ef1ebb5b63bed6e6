#pragma once
// Training a wafer-map classifier, alone or by knowledge distillation from a
// teacher (Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural
// Network", arXiv:1503.02531, §2).
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/ml/map_dataset.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {

struct TrainingOptions {
  int epochs = 10;
  int batchSize = 64;
  double learningRate = 2e-3;  ///< AdamW (Loshchilov & Hutter 2019), cosine decay to 0 over the run
  double weightDecay = 1e-4;
  /// Distillation temperature T and hard-label weight α:
  /// loss = α·CE(s, y) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)).
  /// Without a teacher the loss is CE(s, y) whatever α.
  double temperature = 4.0;
  double alpha = 0.5;
  std::uint64_t seed = 1;  ///< batch order; the same seed and thread count give the same weights on the CPU
  /// Turn or mirror each batch by one of the 8 symmetries of the square (the
  /// pattern classes are invariant under them). With a teacher, its soft
  /// targets are those of the unturned map, which they equal when the teacher
  /// is itself invariant.
  bool augment = true;
  int threads = 0;  ///< libtorch intra-op threads (0: every hardware thread)

  /// Throws fab::Error naming the option and its accepted range.
  void validate() const;
};

struct EpochReport {
  std::string stage;  ///< "teacher", "student", "student-baseline"
  int epoch = 0;      ///< 1-based
  int epochs = 0;
  double loss = 0;            ///< mean training loss over the epoch
  double trainAccuracy = 0;   ///< on the training batches, in training mode
  double validationAccuracy;  ///< NaN without a validation set
  double seconds = 0;
};

struct TrainingHistory {
  std::string stage;
  std::vector<EpochReport> epochs;
  double seconds = 0;
  double mapsPerSecond = 0;  ///< training throughput on this device
};

using EpochCallback = std::function<void(const EpochReport&)>;

/// Trains `model` on `train` (labels and inputs at the model's grid size).
/// With a teacher, its logits on the training maps are computed once and the
/// Hinton loss is used. Reports each epoch through `onEpoch` and the fraction
/// done through `feedback`; throws fab::Cancelled when cancelled (the model is
/// then partly trained).
TrainingHistory trainClassifier(WaferClassifier& model, const ml::MapDataset& train, const TrainingOptions& options,
                                const WaferClassifier* teacher = nullptr, const ml::MapDataset* validation = nullptr,
                                const EpochCallback& onEpoch = {}, const Feedback& feedback = {});

/// The batch-mean distillation loss training uses, on plain arrays: n × k
/// student and teacher logits (row-major), n labels. An empty teacher span
/// gives the plain cross-entropy.
double distillationLoss(std::span<const float> studentLogits, std::span<const float> teacherLogits,
                        std::span<const int> labels, double temperature, double alpha);

/// Fraction of maps whose most probable class is the label.
double accuracy(const WaferClassifier& model, const ml::MapDataset& data);

}  // namespace fab::models

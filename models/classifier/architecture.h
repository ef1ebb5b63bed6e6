#pragma once
// The two network families of the wafer-map classifier, described as plain
// data so that a saved model's sidecar can say which network its weights fit.
#include <string>
#include <vector>

namespace fab::models {

enum class NetworkKind {
  /// ResNet basic blocks (He et al. 2016, "Deep Residual Learning for Image
  /// Recognition", CVPR, Fig. 2): the teacher.
  ResidualTeacher,
  /// Depthwise-separable blocks (Howard et al. 2017, "MobileNets", arXiv:1704.04861,
  /// §3.1): a 3×3 depthwise and a 1×1 pointwise convolution, each with batch
  /// norm and ReLU; about 8–9× fewer multiply-adds than a full 3×3 convolution.
  SeparableStudent,
};

struct Architecture {
  NetworkKind kind = NetworkKind::SeparableStudent;
  /// Stage 0 is the stem (a 3×3 convolution from the ml::kInputChannels input channels); each
  /// later stage is one block from the previous width to its own.
  std::vector<int> widths;
  std::vector<int> strides;  ///< one per stage, 1 or 2

  /// About 1.2 M parameters: stem 32, residual blocks 64/2, 128/2, 256/2.
  static Architecture teacher();
  /// About 77 k parameters (1/16 of the teacher): stem 24, separable blocks
  /// 48/2, 96/2, 96, 192/2, 192.
  static Architecture student();
  /// Small networks for fast tests.
  static Architecture tinyTeacher();
  static Architecture tinyStudent();

  std::string kindName() const;  ///< "residual-teacher" / "separable-student"
  /// Throws fab::Error naming what is wrong (empty, unequal lengths, widths
  /// outside 1…1024, strides other than 1 or 2).
  void validate() const;
  bool operator==(const Architecture&) const = default;
};

/// "residual-teacher" / "separable-student"; throws fab::Error for another name.
NetworkKind networkKindFromName(const std::string& name);

}  // namespace fab::models

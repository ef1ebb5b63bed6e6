#include "models/classifier/architecture.h"

#include "core/common/error.h"

namespace fab::models {

Architecture Architecture::teacher() { return {NetworkKind::ResidualTeacher, {32, 64, 128, 256}, {1, 2, 2, 2}}; }
Architecture Architecture::student() {
  return {NetworkKind::SeparableStudent, {24, 48, 96, 192, 192}, {1, 2, 2, 2, 1}};
}
Architecture Architecture::tinyTeacher() { return {NetworkKind::ResidualTeacher, {8, 16}, {2, 2}}; }
Architecture Architecture::tinyStudent() { return {NetworkKind::SeparableStudent, {4, 8}, {2, 2}}; }

std::string Architecture::kindName() const {
  return kind == NetworkKind::ResidualTeacher ? "residual-teacher" : "separable-student";
}

void Architecture::validate() const {
  if (widths.empty()) throw Error("a network needs at least one stage");
  if (widths.size() != strides.size())
    throw Error("a network needs one stride per stage (" + std::to_string(widths.size()) + " widths, " +
                std::to_string(strides.size()) + " strides)");
  for (int w : widths)
    if (w < 1 || w > 1024) throw Error("stage widths must be 1…1024 channels, got " + std::to_string(w));
  for (int s : strides)
    if (s != 1 && s != 2) throw Error("stage strides must be 1 or 2, got " + std::to_string(s));
}

NetworkKind networkKindFromName(const std::string& name) {
  if (name == "residual-teacher") return NetworkKind::ResidualTeacher;
  if (name == "separable-student") return NetworkKind::SeparableStudent;
  throw Error("unknown network kind '" + name + "' (this fabkit knows residual-teacher and separable-student)");
}

}  // namespace fab::models

#include "core/lean/kaizen.h"

#include <array>

#include "core/common/error.h"

namespace fab::lean {
namespace {

template <typename E, std::size_t N>
E fromName(std::string_view name, const std::array<std::string_view, N>& names, const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<E>(i);
  std::string choices;
  for (auto n : names) choices += (choices.empty() ? "" : ", ") + std::string(n);
  throw Error("unknown " + std::string(what) + " '" + std::string(name) + "' (one of: " + choices + ")");
}

constexpr std::array<std::string_view, 3> kTypes = {"event", "suggestion", "a3"};
constexpr std::array<std::string_view, 6> kStages = {"new", "plan", "do", "check", "act", "rejected"};
constexpr std::array<std::string_view, 4> kDirections = {"lower_mean", "higher_mean", "lower_spread", "higher_cpk"};

}  // namespace

std::string_view typeName(KaizenType t) { return kTypes[static_cast<std::size_t>(t)]; }
std::string_view stageName(Stage s) { return kStages[static_cast<std::size_t>(s)]; }
std::string_view directionName(Direction d) { return kDirections[static_cast<std::size_t>(d)]; }
KaizenType typeFromName(std::string_view n) { return fromName<KaizenType>(n, kTypes, "kaizen type"); }
Stage stageFromName(std::string_view n) { return fromName<Stage>(n, kStages, "stage"); }
Direction directionFromName(std::string_view n) { return fromName<Direction>(n, kDirections, "intended direction"); }

}  // namespace fab::lean

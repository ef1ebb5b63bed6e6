#pragma once
// The failure-pattern classes of a wafer map: the eight WM-811K classes
// (Wu, Jang & Chen 2015, "Wafer map failure pattern recognition and similarity
// ranking for large-scale data sets", IEEE TSM 28(1)) plus "none".
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace fab::ml {

/// Class indices are part of every saved model: never reorder.
enum class WaferPattern : int {
  Center = 0,
  Donut = 1,
  EdgeLocal = 2,
  EdgeRing = 3,
  Local = 4,
  NearFull = 5,
  Random = 6,
  Scratch = 7,
  None = 8,
};

inline constexpr int kPatternCount = 9;
/// The defect classes (all but None): the classes a macro-F1 averages over.
inline constexpr int kDefectPatternCount = 8;

inline constexpr std::array<std::string_view, kPatternCount> kPatternNames = {
    "center", "donut", "edge-local", "edge-ring", "local", "near-full", "random", "scratch", "none"};

inline std::string patternName(WaferPattern p) { return std::string(kPatternNames[static_cast<int>(p)]); }
inline WaferPattern patternFromIndex(int i) { return static_cast<WaferPattern>(i); }
inline int patternIndex(WaferPattern p) { return static_cast<int>(p); }

/// The class of a name as written by patternName(); nullopt for anything else.
inline std::optional<WaferPattern> patternFromName(std::string_view name) {
  for (int i = 0; i < kPatternCount; ++i)
    if (kPatternNames[i] == name) return static_cast<WaferPattern>(i);
  return std::nullopt;
}

}  // namespace fab::ml

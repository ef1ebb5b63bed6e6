#pragma once
// A wafer's die pass/fail map as the classifier sees it: die indices, pass or
// fail, and the layout facts needed to draw the wafer round with its notch down.
#include <cstdint>
#include <string>
#include <vector>

namespace fab::ml {

/// Where the notch (or flat) is in the frame the die indices are given in.
enum class Notch { Down, Up, Left, Right };

/// "down", "up", "left", "right"; throws fab::Error naming the accepted words otherwise.
Notch notchFromName(const std::string& name);
std::string notchName(Notch notch);

struct MapDie {
  int x = 0;  ///< die column index
  int y = 0;  ///< die row index
  bool pass = true;
};

struct DieMapLayout {
  /// Die pitch in any one unit (µm, mm, or relative). Zero for both means
  /// unknown: the pitch ratio is then inferred from the map itself, because a
  /// round wafer is as wide as it is tall (see resampleDieMap).
  double dieWidth = 0.0;
  double dieHeight = 0.0;
  Notch notch = Notch::Down;
  bool yUp = true;  ///< row index grows upwards (false: prober style, rows count down)
};

struct DieMap {
  std::string wafer;  ///< the wafer's name as the source gives it (lot/slot, scribe…)
  std::vector<MapDie> dies;
  DieMapLayout layout;
  std::int64_t firstRow = -1;  ///< index (or line) in the source of the wafer's first die, -1 if none
};

}  // namespace fab::ml

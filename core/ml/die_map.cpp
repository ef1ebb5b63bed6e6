#include "core/ml/die_map.h"

#include <cctype>

#include "core/common/error.h"

namespace fab::ml {

Notch notchFromName(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "down") return Notch::Down;
  if (lower == "up") return Notch::Up;
  if (lower == "left") return Notch::Left;
  if (lower == "right") return Notch::Right;
  throw Error("unknown notch position '" + name + "': use down, up, left or right");
}

std::string notchName(Notch notch) {
  switch (notch) {
    case Notch::Down:
      return "down";
    case Notch::Up:
      return "up";
    case Notch::Left:
      return "left";
    case Notch::Right:
      return "right";
  }
  return "down";
}

}  // namespace fab::ml

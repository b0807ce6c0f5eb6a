// Joining strings with a separator, the one way messages, methods and lists are built from parts.
#ifndef GPAIKIT_BASE_JOIN_H_
#define GPAIKIT_BASE_JOIN_H_

#include <string>
#include <string_view>
#include <vector>

namespace gpaikit {

// The items joined by `separator` (Join({"a", "b"}, "; ") is "a; b").
inline std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += separator;
    joined += item;
  }
  return joined;
}

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_JOIN_H_

// Where something is in a source file: the place every diagnostic names (file:line:column).
#ifndef GPAIKIT_BASE_SOURCE_LOCATION_H_
#define GPAIKIT_BASE_SOURCE_LOCATION_H_

#include <string>

namespace gpaikit {

// Where something is in a source file (1-based line and column).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;  // "file:line:column", or just "file" when line is 0
};

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_SOURCE_LOCATION_H_

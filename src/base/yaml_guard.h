// Checks YAML text before it is loaded: UTF-8, nesting depth, aliases and duplicate keys.
#ifndef GPAIKIT_BASE_YAML_GUARD_H_
#define GPAIKIT_BASE_YAML_GUARD_H_

#include <string>
#include <string_view>

#include "base/yaml_reader.h"

namespace gpaikit {

// The deepest nesting of mappings and sequences accepted (gpaikit's own files need about 8).
inline constexpr int kMaxYamlDepth = 64;

// Reports to `diagnostics`, each at its file:line:column: bytes that are not UTF-8; nesting deeper
// than kMaxYamlDepth; aliases (*name), which could expand a small file into gigabytes or refer to
// themselves; a key given twice in one mapping (naming both places); a second document (yaml-cpp's
// loader reads only the first); and syntax errors. Stops at the first syntax, encoding or depth
// error, since what follows cannot be trusted.
void CheckYamlText(std::string_view text, Diagnostics& diagnostics);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_YAML_GUARD_H_

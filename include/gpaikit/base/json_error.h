// Where and why a JSON text is rejected, for messages that name the place (file:line:column).
#ifndef GPAIKIT_BASE_JSON_ERROR_H_
#define GPAIKIT_BASE_JSON_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gpaikit {

// Why nlohmann's parser rejects `text`. `offset` is the 0-based byte of the error, or `npos` where
// the parser gives no place (a number too large for a double, an invalid text otherwise valid).
// `reason` is the parser's words without its "[json.exception...]" prefix; empty when `text` is
// valid JSON.
struct JsonError {
  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t offset = npos;
  std::string reason;
};

// Parses `text` once more to find why it is rejected (call after a non-throwing parse failed).
// Never throws.
JsonError LocateJsonError(std::string_view text);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_JSON_ERROR_H_

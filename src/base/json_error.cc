// Locating why nlohmann's parser rejects a JSON text, without letting any of its exceptions out.
#include "gpaikit/base/json_error.h"

#include <nlohmann/json.hpp>

namespace gpaikit {
namespace {

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error ..."; the reason is what follows the last ": " of the prefix.
std::string ReasonOf(const nlohmann::json::exception& error) {
  std::string what = error.what();
  size_t bracket = what.find("] ");
  if (bracket != std::string::npos) what = what.substr(bracket + 2);
  size_t colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

JsonError LocateJsonError(std::string_view text) {
  JsonError result;
  try {
    nlohmann::json parsed = nlohmann::json::parse(text);
    (void)parsed;
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann counts bytes from 1 and names the byte it stopped at.
    result.offset = error.byte > 0 ? error.byte - 1 : 0;
    result.reason = ReasonOf(error);
  } catch (const nlohmann::json::exception& error) {
    result.reason = ReasonOf(error);
  }
  return result;
}

}  // namespace gpaikit

// libFuzzer target: URL parsing, the robots match path and percent normalisation on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/optout/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto url = gpaikit::optout::ParseUrl(input);
  if (url.ok() && url->scheme.empty()) __builtin_trap();
  std::string scratch;
  std::string_view path = gpaikit::optout::RobotsMatchPath(input, &scratch);
  if (path.empty() || path[0] != '/') __builtin_trap();
  std::string normal = gpaikit::optout::NormalizePercentEncoding(input);
  // Normalisation is idempotent.
  if (!gpaikit::optout::IsPercentEncodingNormal(normal)) __builtin_trap();
  if (gpaikit::optout::NormalizePercentEncoding(normal) != normal) __builtin_trap();
  return 0;
}

// libFuzzer target: gpaikit.yaml parsing must never crash, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/project/project.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::project::ParseProject(text, "fuzz.yaml");
  return 0;
}

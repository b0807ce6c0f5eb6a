// libFuzzer target for the crosswalk parser (data/crosswalks/*.yaml; docs/crosswalks.md): any bytes
// must give a Crosswalk or a clean error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/assess/crosswalk.h"
#include "gpaikit/base/files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const gpaikit::law::CodeOfPractice code =
      *gpaikit::law::LoadCodeOfPractice(gpaikit::DataDir());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::assess::ParseCrosswalk(text, "fuzz.yaml", code);
  return 0;
}

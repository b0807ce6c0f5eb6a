// libFuzzer target for the safety/ file parsers (framework.yaml, register.yaml, model-reports.yaml;
// docs/safety.md): each input is parsed as all three, and must give records or a clean error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/base/files.h"
#include "gpaikit/safety/safety.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const gpaikit::law::CodeOfPractice code =
      *gpaikit::law::LoadCodeOfPractice(gpaikit::DataDir());
  // References resolve against the frontier example, whose seeds name its files.
  static const std::filesystem::path root =
      gpaikit::DataDir().parent_path() / "examples" / "frontier-multimodal-non-eu";
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::string_view name : {"framework.yaml", "register.yaml", "model-reports.yaml"}) {
    gpaikit::safety::SafetyDocumentation records;
    (void)gpaikit::safety::ParseSafetyFile(name, text, "fuzz.yaml", root, code, records);
  }
  return 0;
}

// libFuzzer target for the evidence register parser (evidence.yaml; docs/safety.md): any bytes
// must give a register or a clean error naming file:line:column.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/assess/assess.h"
#include "gpaikit/base/files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const gpaikit::law::CodeOfPractice code =
      *gpaikit::law::LoadCodeOfPractice(gpaikit::DataDir());
  // Model ids and file references resolve against the frontier example (the seeds' project).
  static const std::filesystem::path root =
      gpaikit::DataDir().parent_path() / "examples" / "frontier-multimodal-non-eu";
  static const gpaikit::project::Project project = [] {
    gpaikit::Result<gpaikit::project::Project> loaded = gpaikit::project::LoadProject(root);
    return loaded.ok() ? *loaded : gpaikit::project::Project{};
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::assess::ParseEvidenceRegister(text, "fuzz.yaml", root, code, project);
  return 0;
}

// libFuzzer target: importing a Hugging Face model card (front matter YAML, Markdown sections,
// parameter phrase) must never crash, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/docs/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view card(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::docs::ImportHfCard(card, "fuzz-README.md", "");
  return 0;
}

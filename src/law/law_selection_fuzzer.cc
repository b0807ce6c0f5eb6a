// libFuzzer target: the --law-from syntax on any bytes; what parses round-trips through its text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/law/law_selection.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  gpaikit::Result<gpaikit::law::LawSelection> selection = gpaikit::law::ParseLawSelection(input);
  if (!selection.ok()) {
    if (selection.status().message().find("at character") == std::string::npos) __builtin_trap();
    return 0;
  }
  for (const auto& [kind, version] : selection->versions) {
    if (version.empty() || version.find(',') != std::string::npos) __builtin_trap();
  }
  std::string text = gpaikit::law::LawSelectionText(*selection);
  gpaikit::Result<gpaikit::law::LawSelection> again = gpaikit::law::ParseLawSelection(text);
  if (!again.ok() || again->versions != selection->versions ||
      again->third_draft != selection->third_draft) {
    __builtin_trap();
  }
  return 0;
}

// libFuzzer target: the tdmrep.json reader and HTML meta scanner must not crash on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/optout/signals.h"
#include "gpaikit/optout/tdmrep.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto file = gpaikit::optout::TdmRepFile::Parse(input, "fuzz.json");
  if (file.ok()) {
    for (std::string_view path : {"/", "/a/b.html", "/%7Ex?y=1"}) (void)file->SignalFor(path);
  }
  std::vector<std::string> agents = {"GPTBot"};
  (void)gpaikit::optout::HtmlMetaSignals(input, agents, true);
  return 0;
}

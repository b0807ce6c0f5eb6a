// libFuzzer target: importing a Hugging Face model card (front matter YAML, Markdown sections,
// parameter phrase) must never crash, whatever the bytes; short inputs are also repeated into a
// card of 200 KB lines (a level-1 heading, a level-2 heading and a paragraph line), so that the
// long-line paths are fuzzed without large seed files. The same bytes as a card get the AI Act
// block written into them (`export hf-card`), which must read back to the facts it was given, and
// serve as a field value (invalid UTF-8 there once threw from nlohmann::json::dump).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/docs/hf_card.h"
#include "gpaikit/docs/import.h"

namespace {

constexpr size_t kLongLine = size_t{200} << 10;

// `piece` repeated on one line up to kLongLine bytes (its line breaks made spaces).
std::string LongLine(std::string_view piece) {
  std::string line;
  line.reserve(kLongLine + piece.size());
  while (line.size() < kLongLine) line += piece;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

// Export then import: a written card must hold the facts it was given; a refusal is fine.
void CheckExportRoundTrip(std::string_view card) {
  gpaikit::docs::HfCardAiAct facts;
  facts.model = "fuzz";
  facts.gpai = true;
  facts.documentation_contact = std::string(card.substr(0, 40));
  gpaikit::Result<std::string> written =
      gpaikit::docs::WriteAiActBlock(card, facts, "fuzz-README.md");
  if (!written.ok()) return;
  auto read = gpaikit::docs::ReadAiActBlock(*written, "fuzz-README.md");
  if (!read.ok() || !read->has_value() || **read != facts) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view card(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::docs::ImportHfCard(card, "fuzz-README.md", "");
  CheckExportRoundTrip(card);
  if (size > 0 && size <= 64 && (data[0] & 7) == 0) {  // one short input in eight: speed
    std::string line = LongLine(card);
    std::string long_card = "---\nlicense: " + line + "\n---\n# " + line + "\n\n## " + line +
                            "\n\n" + line + " 7B parameters\n";
    (void)gpaikit::docs::ImportHfCard(long_card, "fuzz-long-README.md", "");
  }
  return 0;
}

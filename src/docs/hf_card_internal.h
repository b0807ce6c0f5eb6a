// Internal to docs: a model card split into BOM, YAML front matter and body, shared by the import
// and the export of hf-card (docs/hf-card.md).
#ifndef GPAIKIT_SRC_DOCS_HF_CARD_INTERNAL_H_
#define GPAIKIT_SRC_DOCS_HF_CARD_INTERNAL_H_

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"
#include "gpaikit/docs/hf_card.h"

namespace gpaikit::docs {

// Byte offsets into a card. Front matter is the text between a first line "---" (after an
// optional UTF-8 byte-order mark) and the next line that is exactly "---".
struct CardParts {
  size_t bom = 0;  // 3 when the card starts with a UTF-8 byte-order mark, else 0
  bool has_front_matter = false;
  std::string newline = "\n";  // the first line's ending: "\n" or "\r\n"
  size_t front_begin = 0;      // just after the opening "---" line
  size_t front_end = 0;        // the closing "---" line's first byte
  size_t body_begin = 0;       // just after the closing line (after the BOM when none)
};

// Splits `card`. InvalidInput naming `file` when the card is not UTF-8 (at the byte offset of the
// first bad byte) or its front matter is never closed.
Result<CardParts> SplitCard(std::string_view card, const std::string& file);

// The front matter parsed, with line:column and byte offsets counted in the whole card; an empty
// mapping when there is none. InvalidInput when it is not YAML or not a mapping.
Result<YAML::Node> ParseFrontMatter(std::string_view card, const CardParts& parts,
                                    const std::string& file);

// The block under the `eu_ai_act` key of parsed front matter; nullopt when the key is absent.
Result<std::optional<HfCardAiAct>> ReadAiActNode(const YAML::Node& front_matter,
                                                 const std::string& file);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_SRC_DOCS_HF_CARD_INTERNAL_H_

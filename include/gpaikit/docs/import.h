// Prefilling a project's model entry and Model Documentation Form values from a Hugging Face
// model card (`gpaikit import hf-card`; Code of Practice, Transparency, Measure 1.1).
#ifndef GPAIKIT_DOCS_IMPORT_H_
#define GPAIKIT_DOCS_IMPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/docs/hf_card.h"

namespace gpaikit::docs {

struct HfCardImport {
  std::string entry;                  // a YAML `models:` list with the one prefilled entry
  std::vector<std::string> unmapped;  // card items (and project facts) it could not map
  std::optional<HfCardAiAct> ai_act;  // the card's eu_ai_act block (docs/hf-card.md), if any
};

// Maps the card's front matter (license, base_model, datasets, language, pipeline_tag) and
// sections (intended use, training data, ...) and a "N billion parameters" phrase. `file` names
// the card in errors (file:line:column); `id` overrides the id made from the model's name.
Result<HfCardImport> ImportHfCard(std::string_view card, const std::string& file,
                                  const std::string& id);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_IMPORT_H_

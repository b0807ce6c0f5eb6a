// AI Act metadata in a Hugging Face model card's YAML front matter (`gpaikit export hf-card`,
// `gpaikit import hf-card`; AI Act Art. 51, 53(1)-(2), 54(6); docs/hf-card.md).
#ifndef GPAIKIT_DOCS_HF_CARD_H_
#define GPAIKIT_DOCS_HF_CARD_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/docs/docs.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::docs {

// The front-matter key that holds the block, and the schema the block names.
inline constexpr char kAiActKey[] = "eu_ai_act";
inline constexpr char kAiActSchema[] = "gpaikit.hf-card.ai-act/1";

// The block's content. Strings are "" and optionals empty when unknown (written as null).
struct HfCardAiAct {
  std::string model;                // the gpaikit.yaml model id
  std::string law;                  // the rulepack the classification used ("ai-act-gpai/2025-07")
  bool gpai = false;                // AI Act Art. 3(63), Guidelines section 2.1
  bool systemic_risk = false;       // Art. 51
  std::string systemic_risk_basis;  // presumed | designated | modified-systemic | ""
  std::string training_compute_flop;             // "3.8e+25", two significant figures (Art. 51(2))
  std::string cumulative_training_compute_flop;  // the 1e25 presumption's figure
  std::string training_compute_method;  // architecture | hardware | operations | reported | mixed
  std::string training_energy;          // Form row 8.1 as documented (Annex XI 2(e))
  std::optional<CivilDate> union_market_date;  // Art. 3(9)-(10)
  std::string training_content_summary;        // Art. 53(1)(d): where the summary is published
  std::string copyright_policy;                // Art. 53(1)(c): where the policy is
  std::string documentation_contact;           // Art. 53(1)(a)-(b): who answers requests
  bool open_source_exemption = false;          // Art. 53(2), 54(6)

  bool operator==(const HfCardAiAct&) const = default;
};

// The block's facts for one assessed model. The summary and policy links are the evidence of the
// fulfilled AIA-53-1-d and AIA-53-1-c obligations unless `summary_url` / `policy_url` are given;
// the energy is Form row 8.1 of `documentation` when filled or derived.
HfCardAiAct AiActFacts(const project::Project& project, const scope::ModelAssessment& assessment,
                       const law::Rulepack& rules, const ModelDocumentation& documentation,
                       const std::string& summary_url, const std::string& policy_url);

// The block as YAML lines (a documenting comment line, then `eu_ai_act:` and its fields), each
// ending with `newline`. InvalidInput when a value is not UTF-8 (naming the field and byte offset).
Result<std::string> AiActBlockText(const HfCardAiAct& facts, std::string_view newline = "\n");

// The block as JSON (the same fields; schema gpaikit.hf-card.ai-act/1).
nlohmann::json AiActJson(const HfCardAiAct& facts);

// `card` with the block written into its front matter: the lines of an existing `eu_ai_act` key
// are replaced, else the block is added at the end of the front matter, else front matter is
// added; every other byte stays as it was. InvalidInput naming `file` and line:column (or byte
// offset) when the card is not UTF-8, its front matter is not YAML or not a mapping, or it holds
// the key in a form whose lines cannot be told apart.
Result<std::string> WriteAiActBlock(std::string_view card, const HfCardAiAct& facts,
                                    const std::string& file);

// The block read back from a card; nullopt when its front matter has no `eu_ai_act` key.
// InvalidInput naming file:line:column for a block that does not follow the schema.
Result<std::optional<HfCardAiAct>> ReadAiActBlock(std::string_view card, const std::string& file);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_HF_CARD_H_

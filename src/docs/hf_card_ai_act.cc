// The AI Act block of a Hugging Face model card: its facts from an assessed model, its YAML and
// JSON, and reading it back (AI Act Art. 51, 53(1)-(2), 54(6); docs/hf-card.md).
#include <cstdio>
#include <set>

#include "base/yaml_reader.h"
#include "docs/hf_card_internal.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"

namespace gpaikit::docs {
namespace {

constexpr char kRulepackPrefix[] = "ai-act-gpai/";

// The method of the runs that count as training: one name, or "mixed (a, b)".
std::string MethodOf(const scope::ComputeSummary& compute) {
  std::set<std::string> methods;
  for (const scope::RunEstimate& run : compute.runs) {
    if (run.counts_training || run.counts_cumulative) methods.insert(run.method);
  }
  if (methods.empty()) return "";
  if (methods.size() == 1) return *methods.begin();
  std::string out;
  for (const std::string& method : methods) out += (out.empty() ? "" : ", ") + method;
  return "mixed (" + out + ")";
}

std::string EvidenceOf(const project::Model& model, std::string_view obligation) {
  const project::Fulfilment* fulfilment = model.FulfilmentOf(obligation);
  return fulfilment ? fulfilment->evidence : "";
}

// A YAML double-quoted scalar (JSON's string syntax is a subset of it), or null for "".
std::string Quoted(const std::string& value) {
  if (value.empty()) return "null";
  return nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Bool(bool value) { return value ? "true" : "false"; }

nlohmann::json NullIfEmpty(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace

HfCardAiAct AiActFacts(const project::Project& project, const scope::ModelAssessment& assessment,
                       const law::Rulepack& rules, const ModelDocumentation& documentation,
                       const std::string& summary_url, const std::string& policy_url) {
  const project::Model& model = *assessment.model;
  const scope::Classification& c = assessment.classification;
  HfCardAiAct facts;
  facts.model = model.id;
  facts.law = kRulepackPrefix + rules.version;
  facts.gpai = c.gpai;
  facts.systemic_risk = c.systemic_risk;
  facts.systemic_risk_basis = c.systemic_risk_basis;
  int figures = rules.report_significant_figures.value;
  if (assessment.compute.training_flop > 0) {
    facts.training_compute_flop = FormatScientific(assessment.compute.training_flop, figures);
  }
  if (assessment.compute.cumulative_flop > 0) {
    facts.cumulative_training_compute_flop =
        FormatScientific(assessment.compute.cumulative_flop, figures);
  }
  facts.training_compute_method = MethodOf(assessment.compute);
  if (const RowValue* energy = documentation.Find("8.1");
      energy && (energy->status == RowStatus::kFilled || energy->status == RowStatus::kDerived)) {
    facts.training_energy = energy->value;
  }
  facts.union_market_date = model.PlacementDate();
  facts.training_content_summary =
      summary_url.empty() ? EvidenceOf(model, "AIA-53-1-d") : summary_url;
  facts.copyright_policy = policy_url.empty() ? EvidenceOf(model, "AIA-53-1-c") : policy_url;
  facts.documentation_contact = project.provider.contact;
  facts.open_source_exemption = c.open_source_exempt;
  return facts;
}

Result<std::string> AiActBlockText(const HfCardAiAct& facts, std::string_view newline) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"model", &facts.model},
      {"law", &facts.law},
      {"systemic_risk_basis", &facts.systemic_risk_basis},
      {"training_compute_method", &facts.training_compute_method},
      {"training_energy", &facts.training_energy},
      {"training_content_summary", &facts.training_content_summary},
      {"copyright_policy", &facts.copyright_policy},
      {"documentation_contact", &facts.documentation_contact}};
  for (const auto& [field, value] : texts) {
    if (std::optional<size_t> bad = FirstInvalidUtf8(*value)) {
      return Status::InvalidInput(std::string(kAiActKey) + "." + field +
                                  ": invalid UTF-8 at byte offset " + std::to_string(*bad) +
                                  " of the value (expected text encoded as UTF-8)");
    }
  }
  std::string nl(newline);
  std::string out = std::string("# ") + kAiActKey + ": EU AI Act metadata, schema " + kAiActSchema +
                    " (gpaikit docs/hf-card.md); written by 'gpaikit export " +
                    "hf-card' from gpaikit.yaml: change the project, not these lines" + nl;
  out += std::string(kAiActKey) + ":" + nl;
  auto field = [&](const char* key, const std::string& value) {
    out += std::string("  ") + key + ": " + value + nl;
  };
  field("schema", kAiActSchema);
  field("model", Quoted(facts.model));
  field("law", Quoted(facts.law));
  field("general_purpose_ai_model", Bool(facts.gpai));
  field("systemic_risk", Bool(facts.systemic_risk));
  field("systemic_risk_basis", Quoted(facts.systemic_risk_basis));
  field("training_compute_flop",
        facts.training_compute_flop.empty() ? "null" : facts.training_compute_flop);
  field("cumulative_training_compute_flop", facts.cumulative_training_compute_flop.empty()
                                                ? "null"
                                                : facts.cumulative_training_compute_flop);
  field("training_compute_method", Quoted(facts.training_compute_method));
  field("training_energy", Quoted(facts.training_energy));
  field("union_market_date",
        facts.union_market_date ? facts.union_market_date->ToString() : "null");
  field("training_content_summary", Quoted(facts.training_content_summary));
  field("copyright_policy", Quoted(facts.copyright_policy));
  field("documentation_contact", Quoted(facts.documentation_contact));
  field("open_source_exemption", Bool(facts.open_source_exemption));
  return out;
}

nlohmann::json AiActJson(const HfCardAiAct& facts) {
  auto number = [](const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::stod(text));
  };
  return {{"schema", kAiActSchema},
          {"model", facts.model},
          {"law", facts.law},
          {"general_purpose_ai_model", facts.gpai},
          {"systemic_risk", facts.systemic_risk},
          {"systemic_risk_basis", NullIfEmpty(facts.systemic_risk_basis)},
          {"training_compute_flop", number(facts.training_compute_flop)},
          {"cumulative_training_compute_flop", number(facts.cumulative_training_compute_flop)},
          {"training_compute_method", NullIfEmpty(facts.training_compute_method)},
          {"training_energy", NullIfEmpty(facts.training_energy)},
          {"union_market_date", facts.union_market_date
                                    ? nlohmann::json(facts.union_market_date->ToString())
                                    : nlohmann::json(nullptr)},
          {"training_content_summary", NullIfEmpty(facts.training_content_summary)},
          {"copyright_policy", NullIfEmpty(facts.copyright_policy)},
          {"documentation_contact", NullIfEmpty(facts.documentation_contact)},
          {"open_source_exemption", facts.open_source_exemption}};
}

Result<std::optional<HfCardAiAct>> ReadAiActNode(const YAML::Node& front_matter,
                                                 const std::string& file) {
  if (!front_matter.IsMap() || !front_matter[kAiActKey]) return std::optional<HfCardAiAct>();
  Diagnostics diagnostics(file);
  MapReader block(
      front_matter[kAiActKey], kAiActKey, diagnostics,
      {"schema", "model", "law", "general_purpose_ai_model", "systemic_risk", "systemic_risk_basis",
       "training_compute_flop", "cumulative_training_compute_flop", "training_compute_method",
       "training_energy", "union_market_date", "training_content_summary", "copyright_policy",
       "documentation_contact", "open_source_exemption"});
  if (!block.valid()) return diagnostics.ToStatus();
  if (std::optional<std::string> schema = block.String("schema", true);
      schema && *schema != kAiActSchema) {
    diagnostics.Error(block.MarkOf("schema"), std::string(kAiActKey) + ".schema: expected " +
                                                  kAiActSchema + ", got '" + Abbreviated(*schema) +
                                                  "'");
  }
  HfCardAiAct facts;
  facts.model = block.String("model").value_or("");
  facts.law = block.String("law").value_or("");
  facts.gpai = block.Bool("general_purpose_ai_model", true).value_or(false);
  facts.systemic_risk = block.Bool("systemic_risk", true).value_or(false);
  facts.systemic_risk_basis =
      block.Choice("systemic_risk_basis", {"presumed", "designated", "modified-systemic"})
          .value_or("");
  for (auto [key, target] :
       {std::pair{"training_compute_flop", &facts.training_compute_flop},
        std::pair{"cumulative_training_compute_flop", &facts.cumulative_training_compute_flop}}) {
    if (block.Quantity(key)) *target = block.String(key).value_or("");
  }
  facts.training_compute_method = block.String("training_compute_method").value_or("");
  facts.training_energy = block.String("training_energy").value_or("");
  facts.union_market_date = block.Date("union_market_date");
  facts.training_content_summary = block.String("training_content_summary").value_or("");
  facts.copyright_policy = block.String("copyright_policy").value_or("");
  facts.documentation_contact = block.String("documentation_contact").value_or("");
  facts.open_source_exemption = block.Bool("open_source_exemption", true).value_or(false);
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return std::optional<HfCardAiAct>(std::move(facts));
}

}  // namespace gpaikit::docs

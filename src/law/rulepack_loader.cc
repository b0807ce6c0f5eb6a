// Loads the AI Act GPAI rulepack (data/law/ai-act-gpai-*.yaml) into typed tables, strictly.
#include <algorithm>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "gpaikit/law/law.h"
#include "law/provenance_reader.h"

namespace gpaikit::law {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPrefix = "ai-act-gpai-";

template <typename T, typename Read>
void ReadSourced(MapReader& group, std::string_view key, Sourced<T>& out, Read read) {
  YAML::Node node = group.Get(key);
  if (!node.IsDefined()) {
    group.diagnostics().Error(group.node().Mark(),
                              group.PathOf(key) + ": required entry is missing");
    return;
  }
  MapReader entry(node, group.PathOf(key), group.diagnostics(),
                  {"value", "meaning", "source", "verified"});
  if (std::optional<T> value = read(entry)) out.value = *value;
  out.provenance = ReadProvenance(entry);
}

void ReadThresholds(MapReader& root, Rulepack& pack) {
  MapReader group(root.Get("thresholds"), "thresholds", root.diagnostics(),
                  {"gpai_indicative_training_flop", "systemic_risk_cumulative_flop",
                   "modification_fraction", "modification_fallback_systemic_flop",
                   "modification_fallback_other_flop", "estimate_tolerance",
                   "report_significant_figures", "dense_transformer_flop_per_parameter_token"});
  auto number = [](MapReader& e) { return e.Quantity("value", true); };
  auto integer = [](MapReader& e) { return e.Integer("value", true); };
  ReadSourced(group, "gpai_indicative_training_flop", pack.gpai_indicative_training_flop, number);
  ReadSourced(group, "systemic_risk_cumulative_flop", pack.systemic_risk_cumulative_flop, number);
  ReadSourced(group, "modification_fraction", pack.modification_fraction, number);
  ReadSourced(group, "modification_fallback_systemic_flop",
              pack.modification_fallback_systemic_flop, number);
  ReadSourced(group, "modification_fallback_other_flop", pack.modification_fallback_other_flop,
              number);
  ReadSourced(group, "estimate_tolerance", pack.estimate_tolerance, number);
  ReadSourced(group, "report_significant_figures", pack.report_significant_figures, integer);
  ReadSourced(group, "dense_transformer_flop_per_parameter_token",
              pack.dense_transformer_flop_per_parameter_token, number);
}

void ReadPeriodsAndDates(MapReader& root, Rulepack& pack) {
  MapReader periods(
      root.Get("periods"), "periods", root.diagnostics(),
      {"notification_days", "documentation_retention_years", "summary_update_months"});
  auto integer = [](MapReader& e) { return e.Integer("value", true); };
  ReadSourced(periods, "notification_days", pack.notification_days, integer);
  ReadSourced(periods, "documentation_retention_years", pack.documentation_retention_years,
              integer);
  ReadSourced(periods, "summary_update_months", pack.summary_update_months, integer);

  MapReader dates(root.Get("dates"), "dates", root.diagnostics(),
                  {"chapter_v_applies", "enforcement_from", "legacy_deadline"});
  auto date = [](MapReader& e) { return e.Date("value", true); };
  ReadSourced(dates, "chapter_v_applies", pack.chapter_v_applies, date);
  ReadSourced(dates, "enforcement_from", pack.enforcement_from, date);
  ReadSourced(dates, "legacy_deadline", pack.legacy_deadline, date);
}

void ReadCapabilities(MapReader& root, Rulepack& pack) {
  YAML::Node list = root.Sequence("gpai_capabilities", true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], "gpai_capabilities[" + std::to_string(i) + "]", root.diagnostics(),
                    {"name", "inputs", "outputs", "source", "verified"});
    Capability capability;
    capability.name = entry.String("name", true).value_or("");
    capability.inputs = entry.StringList("inputs");
    capability.outputs = entry.StringList("outputs", {}, true);
    capability.provenance = ReadProvenance(entry);
    pack.gpai_capabilities.push_back(std::move(capability));
  }
}

void ReadStages(MapReader& root, Rulepack& pack) {
  YAML::Node list = root.Sequence("compute_stages", true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], "compute_stages[" + std::to_string(i) + "]", root.diagnostics(),
                    {"id", "training", "cumulative", "note", "source", "verified"});
    ComputeStage stage;
    stage.id = entry.String("id", true).value_or("");
    stage.training = entry.Bool("training", true).value_or(false);
    stage.cumulative = entry.Bool("cumulative", true).value_or(false);
    stage.note = entry.String("note").value_or("");
    stage.provenance = ReadProvenance(entry);
    pack.compute_stages.push_back(std::move(stage));
  }
}

void ReadObligations(MapReader& root, Rulepack& pack) {
  YAML::Node list = root.Sequence("obligations", true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], "obligations[" + std::to_string(i) + "]", root.diagnostics(),
                    {"id", "title", "applies_to", "due", "open_source_exempt", "retained",
                     "limited_to_modification", "updated_while_training", "source", "verified"});
    ObligationRule rule;
    rule.id = entry.String("id", true).value_or("");
    rule.title = entry.String("title", true).value_or("");
    std::string applies =
        entry.Choice("applies_to", {"gpai", "systemic-risk", "non-eu"}, true).value_or("gpai");
    rule.applies_to = applies == "systemic-risk" ? AppliesTo::kSystemicRisk
                      : applies == "non-eu"      ? AppliesTo::kNonEu
                                                 : AppliesTo::kGpai;
    std::string due = entry
                          .Choice("due",
                                  {"notification", "placement", "before-placement", "continuous",
                                   "systemic-risk-condition"},
                                  true)
                          .value_or("placement");
    rule.due = due == "notification"              ? DueRule::kNotification
               : due == "before-placement"        ? DueRule::kBeforePlacement
               : due == "continuous"              ? DueRule::kContinuous
               : due == "systemic-risk-condition" ? DueRule::kSystemicRiskCondition
                                                  : DueRule::kPlacement;
    rule.open_source_exempt = entry.Bool("open_source_exempt", true).value_or(false);
    rule.retained = entry.Bool("retained").value_or(false);
    rule.limited_to_modification = entry.Bool("limited_to_modification").value_or(false);
    rule.updated_while_training = entry.Bool("updated_while_training").value_or(false);
    rule.provenance = ReadProvenance(entry);
    pack.obligations.push_back(std::move(rule));
  }
}

}  // namespace

const ComputeStage* Rulepack::FindStage(std::string_view id) const {
  for (const ComputeStage& stage : compute_stages) {
    if (stage.id == id) return &stage;
  }
  return nullptr;
}

std::vector<std::string_view> Rulepack::StageIds() const {
  std::vector<std::string_view> ids;
  for (const ComputeStage& stage : compute_stages) ids.push_back(stage.id);
  return ids;
}

std::vector<std::string> AvailableRulepacks(const fs::path& data_dir) {
  return DataFileVersions(data_dir / "law", kPrefix);
}

Result<Rulepack> LoadRulepack(const fs::path& data_dir, std::string_view version) {
  std::string chosen(version);
  if (chosen.empty()) {
    std::vector<std::string> versions = AvailableRulepacks(data_dir);
    if (versions.empty()) {
      return Status::NotFound((data_dir / "law").string() + ": no ai-act-gpai-*.yaml rulepack");
    }
    chosen = versions.back();
  }
  fs::path path = data_dir / "law" / (std::string(kPrefix) + chosen + ".yaml");
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(path.string());
  MapReader reader(*root, "", diagnostics,
                   {"rulepack", "title", "thresholds", "periods", "dates", "gpai_capabilities",
                    "compute_stages", "obligations"});
  Rulepack pack;
  pack.version = reader.String("rulepack", true).value_or("");
  pack.title = reader.String("title").value_or("");
  ReadThresholds(reader, pack);
  ReadPeriodsAndDates(reader, pack);
  ReadCapabilities(reader, pack);
  ReadStages(reader, pack);
  ReadObligations(reader, pack);
  if (diagnostics.ok()) CheckStatedVersion(reader, diagnostics, "rulepack", pack.version, chosen);
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return pack;
}

}  // namespace gpaikit::law

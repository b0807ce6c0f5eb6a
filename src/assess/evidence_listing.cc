// `gpaikit evidence list|init`: the Code of Practice conditions and evidence items that apply to a
// model, what gpaikit derives or finds by itself and what only evidence.yaml can give (format in
// docs/safety.md).
#include <set>

#include "gpaikit/assess/output.h"

namespace gpaikit::assess {
namespace {

using nlohmann::json;

// Where a condition comes from for this model: the fact gpaikit reads, or the register.
struct ConditionRow {
  std::string id;
  std::string description;
  std::string from;  // the fact, or "evidence.yaml"
  bool holds = false;
};

std::vector<ConditionRow> ConditionRows(const AssessmentInput& input) {
  const project::Model& model = *input.assessment->model;
  std::vector<DerivedCondition> derived = DeriveConditions(model, *input.safety_documentation);
  std::set<std::string> stated = input.evidence->all.conditions;
  if (auto own = input.evidence->models.find(model.id); own != input.evidence->models.end()) {
    stated.insert(own->second.conditions.begin(), own->second.conditions.end());
  }
  std::vector<ConditionRow> rows;
  for (const std::string& id : input.code->conditions) {
    auto description = input.code->condition_descriptions.find(id);
    ConditionRow row{
        id, description == input.code->condition_descriptions.end() ? "" : description->second,
        "evidence.yaml", stated.contains(id)};
    for (const DerivedCondition& d : derived) {
      if (d.id != id) continue;
      row.from = d.fact;
      row.holds = d.holds || row.holds;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string WhereFound(const EvidenceItemStatus& item) {
  if (item.found == "yes" || item.found == "partly") return item.detail;
  return item.automatic ? "gpaikit looks in gpaikit.yaml, safety/ and the ledger: not found"
                        : "only evidence.yaml can give it";
}

}  // namespace

report::ModelContribution EvidenceListing(const AssessmentInput& input) {
  const project::Model& model = *input.assessment->model;
  ModelGapAssessment gaps = AssessModel(input);
  report::ModelContribution out;
  out.json_key = model.id;
  json conditions = json::array();
  report::Table condition_table{{"Condition", "Holds", "From", "Meaning"}, {}};
  for (const ConditionRow& row : ConditionRows(input)) {
    conditions.push_back({{"id", row.id},
                          {"holds", row.holds},
                          {"from", row.from},
                          {"description", row.description}});
    condition_table.rows.push_back({{row.id},
                                    {row.holds ? "yes" : "no"},
                                    {row.from, report::Tone::kMuted},
                                    {row.description, report::Tone::kMuted}});
  }
  json items = json::array();
  report::Table item_table{{"Measure", "Evidence id", "Required", "Found", "Where"}, {}};
  for (const MeasureAssessment& m : gaps.measures) {
    for (const EvidenceItemStatus& item : m.items) {
      const law::CopEvidence& e = *item.evidence;
      items.push_back({{"measure", m.measure->id},
                       {"id", e.id},
                       {"kind", e.kind},
                       {"required", e.required},
                       {"found", item.found},
                       {"automatic", item.automatic},
                       {"detail", item.detail},
                       {"description", e.description}});
      std::string found = item.found == "no" && !e.required ? "no (optional)" : item.found;
      item_table.rows.push_back({{m.measure->id},
                                 {e.id},
                                 {e.required ? "yes" : "no"},
                                 {found, item.found == "yes" ? report::Tone::kGood
                                         : e.required        ? report::Tone::kBad
                                                             : report::Tone::kMuted},
                                 {WhereFound(item), report::Tone::kMuted}});
    }
  }
  out.json = {{"conditions", conditions}, {"items", items}};
  out.section = {"model-" + model.id + "-evidence",
                 "Evidence for " + model.name + " (" + model.id + ")",
                 {report::Paragraph{{"Conditions of the Code: gpaikit derives those with a fact "
                                     "from the project; the others hold only when evidence.yaml "
                                     "states them (conditions: [...]).",
                                     report::Tone::kMuted}},
                  condition_table,
                  report::Paragraph{{"Evidence items of the measures that apply to this model.",
                                     report::Tone::kMuted}},
                  item_table},
                 {}};
  return out;
}

std::string EvidenceRegisterTemplate(const std::vector<AssessmentInput>& inputs) {
  std::string out =
      "# Evidence register for the gap assessment against the Code of Practice (format:\n"
      "# docs/safety.md), written by `gpaikit evidence init`. Values are files in this project,\n"
      "# addresses or short statements. Uncomment what holds and fill it in; what gpaikit finds\n"
      "# by itself (gpaikit.yaml facts, safety/ records, the ledger) need not be listed.\n";
  if (inputs.empty()) return out + "conditions: []\nevidence: {}\n";
  const law::CodeOfPractice& code = *inputs.front().code;
  out += "#\n# Conditions only this register can state (the others come from gpaikit.yaml):\n";
  for (const std::string& id : code.conditions) {
    if (!ConditionFact(id).empty()) continue;
    auto description = code.condition_descriptions.find(id);
    out += "#   " + id + ": " +
           (description == code.condition_descriptions.end() ? "" : description->second) + "\n";
  }
  out += "conditions: []\nevidence:\n";
  std::set<std::string> listed;
  std::string per_model;
  for (const AssessmentInput& input : inputs) {
    ModelGapAssessment gaps = AssessModel(input);
    std::string own;
    for (const MeasureAssessment& m : gaps.measures) {
      for (const EvidenceItemStatus& item : m.items) {
        if (item.found != "no" || item.automatic) continue;
        std::string line = "  # " + item.evidence->id + ": \"\"   # " + m.measure->id + " " +
                           m.measure->title + (item.evidence->required ? "" : " (optional)") +
                           ": " + item.evidence->description + "\n";
        if (m.measure->applicability.systemic_risk_only) {
          own += "    " + line;
        } else if (listed.insert(item.evidence->id).second) {
          out += line;
        }
      }
    }
    if (!own.empty()) {
      per_model += "  " + input.assessment->model->id + ":\n    evidence:\n" + own;
    }
  }
  if (!per_model.empty()) out += "models:\n" + per_model;
  return out;
}

}  // namespace gpaikit::assess

// `gpaikit check` documentation section: Form completeness per audience and blocking gaps
// (Code of Practice, Transparency, Measure 1.1: documented before placement), versions kept ten
// years (Measure 1.1), downstream requests answered within 14 days (Measure 1.2(4)).
#include "cli/docs_check.h"

#include "cli/docs_common.h"

namespace gpaikit::cli {
namespace {

using report::Text;
using report::Tone;

nlohmann::json CoverageJson(const form::Form& form, const form::Annex& annex, bool is_xi) {
  nlohmann::json gaps = nlohmann::json::array();
  int items = 0;
  for (const form::ItemCoverage& item : form::AnnexCoverage(form, annex, is_xi)) {
    ++items;
    if (!item.covered() || !item.audiences_missing.empty()) {
      gaps.push_back({{"item", item.item},
                      {"rows", item.rows},
                      {"audiences_missing", item.audiences_missing}});
    }
  }
  return {{"items", items}, {"gaps", gaps}};
}

report::Table CompletenessTable(const docs::ModelDocumentation& documentation,
                                const form::Form& form, nlohmann::json& json) {
  report::Table table{{"Audience", "Rows", "Filled", "Missing", "Invalid"}, {}};
  for (const form::Audience& audience : form.audiences) {
    docs::Completeness c = docs::CompletenessFor(documentation, form, audience.id);
    json[audience.id] = {{"rows", c.rows},
                         {"filled", c.filled},
                         {"missing", c.missing},
                         {"invalid", c.invalid},
                         {"not_required", c.not_required}};
    std::string missing;
    for (const std::string& id : c.missing) missing += (missing.empty() ? "" : " ") + id;
    std::string invalid;
    for (const std::string& id : c.invalid) invalid += (invalid.empty() ? "" : " ") + id;
    table.rows.push_back(
        {{audience.label},
         {std::to_string(c.rows)},
         {std::to_string(c.filled), c.filled == c.rows ? Tone::kGood : Tone::kPlain},
         {missing.empty() ? (c.not_required ? "not required" : "none") : missing,
          missing.empty() ? Tone::kMuted : Tone::kWarn},
         {invalid.empty() ? "none" : invalid, invalid.empty() ? Tone::kMuted : Tone::kBad}});
  }
  return table;
}

}  // namespace

ModelContribution DocumentationContribution(const ProjectContext& context,
                                            const scope::ModelAssessment& assessment) {
  ModelContribution out;
  out.json_key = "documentation";
  out.section = {"model-" + assessment.model->id + "-documentation",
                 "Model documentation (Code of Practice, Transparency)",
                 {},
                 {}};
  Result<const form::Form*> form = DocumentationForm();
  Result<std::unique_ptr<store::RecordsDatabase>> records =
      OpenRecords(context.project.root, false);
  Result<docs::ModelDocumentation> documentation =
      !form.ok()      ? Result<docs::ModelDocumentation>(form.status())
      : !records.ok() ? Result<docs::ModelDocumentation>(records.status())
                      : ModelDocumentation(context, assessment, records->get());
  if (!documentation.ok()) {
    out.json = {{"error", documentation.status().message()}};
    out.section.blocks.push_back(report::Paragraph{{documentation.status().message(), Tone::kBad}});
    out.blocking = 1;
    return out;
  }
  const docs::ModelDocumentation& d = *documentation;
  const project::Model& model = *assessment.model;
  bool placed = model.union_market_date && *model.union_market_date <= context.options.as_of;
  nlohmann::json audiences = nlohmann::json::object();
  report::Table completeness = CompletenessTable(d, **form, audiences);
  int gaps = 0;
  for (const docs::RowValue& value : d.rows) {
    bool missing = value.status == docs::RowStatus::kMissing;
    gaps += value.status == docs::RowStatus::kInvalid || (missing && placed && d.required);
  }
  out.blocking = gaps;
  out.section.blocks.push_back(report::FactList{
      {{"Required", {d.required ? "yes" : "no", d.required ? Tone::kPlain : Tone::kMuted}},
       {"Open-source exemption", {d.open_source_exempt ? "applies" : "no"}},
       {"Limited to the modification", {d.limited_to_modification ? "yes" : "no"}},
       {"Document version", {d.header.version}},
       {"Blocking gaps",
        {std::to_string(gaps) + (placed || !d.required ? "" : " (missing rows block once placed)"),
         gaps ? Tone::kBad : Tone::kGood}}}});
  out.section.blocks.push_back(completeness);
  nlohmann::json findings = nlohmann::json::array();
  report::BulletList bullets;
  for (const docs::Finding& finding : d.findings) {
    findings.push_back({{"severity", docs::SeverityName(finding.severity)},
                        {"row", finding.row},
                        {"message", finding.message}});
    bullets.items.push_back(
        {finding.message, finding.severity == docs::Severity::kError     ? Tone::kBad
                          : finding.severity == docs::Severity::kWarning ? Tone::kWarn
                                                                         : Tone::kMuted});
  }
  if (!bullets.items.empty()) out.section.blocks.push_back(bullets);

  nlohmann::json versions = nlohmann::json::array();
  nlohmann::json requests = nlohmann::json::array();
  if (*records) {
    Result<std::vector<docs::PublishedVersion>> published =
        docs::PublishedVersions(**records, model.id);
    report::Table table{{"Version", "Published", "Ledger entry", "Kept until"}, {}};
    for (const docs::PublishedVersion& v :
         published.ok() ? *published : std::vector<docs::PublishedVersion>{}) {
      versions.push_back({{"version", v.number},
                          {"published", v.time},
                          {"entry", v.seq},
                          {"retain_until", v.retain_until}});
      table.rows.push_back(
          {{std::to_string(v.number)},
           {v.time},
           {std::to_string(v.seq)},
           {v.retain_until.empty() ? "10 years after placement" : v.retain_until}});
    }
    if (!table.rows.empty()) out.section.blocks.push_back(table);
    Result<std::vector<docs::Request>> all = docs::Requests(**records);
    report::Table request_table{{"#", "From", "Received", "Due", "State"}, {}};
    // A request recorded without --model concerns every model of the project: it is listed (and
    // blocks when overdue) under each model (docs/records.md).
    for (const docs::Request& r : all.ok() ? *all : std::vector<docs::Request>{}) {
      if (!r.model.empty() && r.model != model.id) continue;
      bool overdue = r.Overdue(context.options.as_of);
      out.blocking += overdue;
      requests.push_back({{"number", r.number},
                          {"from", r.from},
                          {"subject", r.subject},
                          {"received", r.received.ToString()},
                          {"due", r.due.ToString()},
                          {"answered", r.answered ? r.answered->ToString() : ""},
                          {"overdue", overdue}});
      request_table.rows.push_back({{std::to_string(r.number)},
                                    {r.from},
                                    {r.received.ToString()},
                                    {r.due.ToString()},
                                    overdue ? Text{"overdue", Tone::kBad}
                                    : r.answered
                                        ? Text{"answered " + r.answered->ToString(),
                                               r.AnsweredLate() ? Tone::kWarn : Tone::kGood}
                                        : Text{"open"}});
    }
    if (!request_table.rows.empty()) out.section.blocks.push_back(request_table);
  }
  out.json = {{"required", d.required},
              {"open_source_exempt", d.open_source_exempt},
              {"limited_to_modification", d.limited_to_modification},
              {"version", d.header.version},
              {"audiences", audiences},
              {"findings", findings},
              {"annex_coverage",
               {{"annex_xi", CoverageJson(**form, (*form)->annex_xi, true)},
                {"annex_xii", CoverageJson(**form, (*form)->annex_xii, false)}}},
              {"versions", versions},
              {"requests", requests},
              {"blocking", out.blocking}};
  return out;
}

}  // namespace gpaikit::cli

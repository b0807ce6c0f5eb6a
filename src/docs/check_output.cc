// `gpaikit check` documentation section: Form completeness per audience and blocking gaps
// (Code of Practice, Transparency, Measure 1.1: documented before placement), versions kept ten
// years (Measure 1.1), downstream requests answered within 14 days (Measure 1.2(4)); the records
// log read once and each model's documentation built before the report.
#include "gpaikit/base/status_list.h"
#include "gpaikit/docs/output.h"

namespace gpaikit::docs {
namespace {

using report::Text;
using report::Tone;

nlohmann::json CoverageJson(const law::form::Form& form, const law::form::Annex& annex,
                            bool is_xi) {
  nlohmann::json gaps = nlohmann::json::array();
  int items = 0;
  for (const law::form::ItemCoverage& item : law::form::AnnexCoverage(form, annex, is_xi)) {
    ++items;
    if (!item.covered() || !item.audiences_missing.empty()) {
      gaps.push_back({{"item", item.item},
                      {"rows", item.rows},
                      {"audiences_missing", item.audiences_missing}});
    }
  }
  return {{"items", items}, {"gaps", gaps}};
}

report::Table CompletenessTable(const ModelDocumentation& documentation,
                                const law::form::Form& form, nlohmann::json& json) {
  report::Table table{{"Audience", "Rows", "Filled", "Missing", "Invalid"}, {}};
  for (const law::form::Audience& audience : form.audiences) {
    Completeness c = CompletenessFor(documentation, form, audience.id);
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

Result<LedgerSnapshot> ReadLedger(const std::filesystem::path& project_root) {
  LedgerSnapshot log;
  Result<std::unique_ptr<store::Ledger>> db = store::Ledger::OpenIfPresent(project_root);
  if (!db.ok()) return db.status();
  if (!*db) return log;
  log.present = true;
  Result<store::Verification> verification = (*db)->Verify();
  if (!verification.ok()) return verification.status();
  log.verification = *verification;
  Result<std::vector<PublishedVersion>> versions = PublishedVersions(**db);
  if (!versions.ok()) return versions.status();
  log.versions = std::move(*versions);
  Result<std::vector<Request>> requests = Requests(**db);
  if (!requests.ok()) return requests.status();
  log.requests = std::move(*requests);
  return log;
}

store::LedgerFacts LedgerFactsFor(const LedgerSnapshot& log, const std::string& model,
                                  const CivilDate& as_of) {
  store::LedgerFacts out;
  out.present = log.present;
  out.verified = log.verification.ok();
  out.problem = log.verification.problem;
  out.entries = log.verification.entries_checked;
  for (const PublishedVersion& v : log.versions) {
    if (v.model == model) {
      out.versions.push_back("version " + std::to_string(v.number) + " published " + v.time);
    }
  }
  for (const Request& r : log.requests) {
    if (r.model != model) continue;
    ++out.requests;
    out.requests_overdue += r.Overdue(as_of);
  }
  return out;
}

Result<ModelDocumentation> DocumentationWithHeader(const scope::AssessedProject& project,
                                                   const scope::ModelAssessment& assessment,
                                                   const std::vector<PublishedVersion>& published) {
  Result<ModelDocumentation> documentation = BuildDocumentation(
      project.project, assessment, project.form, project.rules, project.catalogue);
  if (!documentation.ok()) return documentation;
  documentation->header = {"1 (draft)", project.options.as_of.ToString()};
  std::vector<const PublishedVersion*> own;
  for (const PublishedVersion& v : published) {
    if (v.model == assessment.model->id) own.push_back(&v);
  }
  if (!own.empty()) {
    const PublishedVersion& last = *own.back();
    if (last.content.value("documentation", nlohmann::json()) ==
        FullJson(*documentation, project.form)) {
      documentation->header = {std::to_string(last.number), last.time.substr(0, 10)};
    } else {
      documentation->header.version = std::to_string(last.number + 1) + " (draft)";
    }
  }
  return documentation;
}

Result<CheckInputs> PrepareCheck(const scope::AssessedProject& project, LedgerSnapshot log) {
  CheckInputs out;
  out.log = std::move(log);
  // --as-of: versions, requests and answers dated after the evaluation day are not yet there.
  out.log.versions = VersionsAsOf(out.log.versions, project.options.as_of);
  out.log.requests = RequestsAsOf(out.log.requests, project.options.as_of);
  StatusList problems;
  for (const scope::ModelAssessment& assessment : project.assessments) {
    const std::string& id = assessment.model->id;
    Result<ModelDocumentation> documentation =
        DocumentationWithHeader(project, assessment, out.log.versions);
    if (documentation.ok()) {
      out.documentation.emplace(id, std::move(*documentation));
    } else {
      problems.Add(documentation.status());
    }
    Result<std::optional<docs::CorpusStats>> stats =
        StatsFor(project.project, *assessment.model, {});
    if (stats.ok()) {
      out.stats.emplace(id, std::move(*stats));
    } else {
      problems.Add(stats.status());
    }
  }
  if (!problems.ok()) return problems.ToStatus();
  return out;
}

report::ModelContribution DocumentationContribution(const scope::AssessedProject& project,
                                                    const CheckInputs& inputs,
                                                    const scope::ModelAssessment& assessment) {
  report::ModelContribution out;
  out.json_key = "documentation";
  out.section = {"model-" + assessment.model->id + "-documentation",
                 "Model documentation (Code of Practice, Transparency)",
                 {},
                 {}};
  const law::form::Form& form = project.form;
  const ModelDocumentation& d = inputs.documentation.at(assessment.model->id);
  const project::Model& model = *assessment.model;
  // Missing rows block once the model is placed on the Union market (AI Act Art. 3(9)).
  bool placed = model.PlacedBy(project.options.as_of);
  nlohmann::json audiences = nlohmann::json::object();
  report::Table completeness = CompletenessTable(d, form, audiences);
  int gaps = 0;
  for (const RowValue& value : d.rows) {
    bool missing = value.status == RowStatus::kMissing;
    gaps += value.status == RowStatus::kInvalid || (missing && placed && d.required);
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
  for (const Finding& finding : d.findings) {
    findings.push_back({{"severity", SeverityName(finding.severity)},
                        {"row", finding.row},
                        {"message", finding.message}});
    bullets.items.push_back({finding.message, finding.severity == Severity::kError ? Tone::kBad
                                              : finding.severity == Severity::kWarning
                                                  ? Tone::kWarn
                                                  : Tone::kMuted});
  }
  if (!bullets.items.empty()) out.section.blocks.push_back(bullets);

  nlohmann::json versions = nlohmann::json::array();
  nlohmann::json requests = nlohmann::json::array();
  {
    report::Table table{{"Version", "Published", "Ledger entry", "Kept until"}, {}};
    for (const PublishedVersion& v : inputs.log.versions) {
      if (v.model != model.id) continue;
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
    report::Table request_table{{"#", "From", "Received", "Due", "State"}, {}};
    // A request recorded without --model concerns every model of the project: it is listed (and
    // blocks when overdue) under each model (docs/ledger.md).
    for (const Request& r : inputs.log.requests) {
      if (!r.model.empty() && r.model != model.id) continue;
      bool overdue = r.Overdue(project.options.as_of);
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
               {{"annex_xi", CoverageJson(form, form.annex_xi, true)},
                {"annex_xii", CoverageJson(form, form.annex_xii, false)}}},
              {"versions", versions},
              {"requests", requests},
              {"blocking", out.blocking}};
  return out;
}

}  // namespace gpaikit::docs

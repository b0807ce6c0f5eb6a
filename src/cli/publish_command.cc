// `gpaikit publish [DIR] --note TEXT`: stores each model's current documentation (canonical JSON
// of every row, and the SHA-256 of every rendered file), its public summary of training content
// and the copyright policy as new versions in the ledger when they changed (Code of Practice,
// Transparency, Measure 1.1 keep every version; Measure 1.3 integrity; AI Act Art. 53(1)(c)-(d)).
// The summary's rendered files are kept by SHA-256 (.gpaikit/published/) for the portal.
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/store/published_files.h"

namespace gpaikit::cli {
namespace {

struct PublishOptions {
  std::string dir = ".";
  std::string note;
  std::string author;
  std::string model;
  bool force = false;
  OutputOptions output;
};

// SHA-256 of the file each audience and format renders to, named as `gpaikit docs --out` names it
// (HTML from the report templates in `templates`, as `gpaikit docs --templates` renders it).
Result<nlohmann::json> RenderedHashes(const docs::ModelDocumentation& documentation,
                                      const law::form::Form& form,
                                      const std::filesystem::path& templates) {
  nlohmann::json hashes = nlohmann::json::object();
  for (const law::form::Audience& audience : form.audiences) {
    std::string stem = documentation.model_id + "-" + audience.id;
    hashes[stem + ".md"] = Sha256Hex(docs::RenderMarkdown(documentation, form, audience.id));
    Result<std::string> html = docs::RenderHtml(documentation, form, audience.id, false, templates);
    if (!html.ok()) return html.status();
    hashes[stem + ".html"] = Sha256Hex(*html);
    hashes[stem + ".json"] =
        Sha256Hex(docs::AudienceJson(documentation, form, audience.id).dump(2) + "\n");
  }
  return hashes;
}

// Keeps each of `files` (name -> bytes) whose SHA-256 is the one `recorded` (name -> SHA-256,
// a version's "rendered" object) gives it, so that the portal can hand it out (store/
// published_files.h); the others are not what the ledger holds and are not kept.
Status KeepRecordedFiles(const std::filesystem::path& root,
                         const std::map<std::string, std::string>& files,
                         const nlohmann::json& recorded) {
  for (const auto& [name, bytes] : files) {
    auto it = recorded.find(name);
    if (it == recorded.end() || !it->is_string() || *it != Sha256Hex(bytes)) continue;
    Result<std::string> kept = store::KeepPublishedFile(root, bytes);
    if (!kept.ok()) return kept.status();
  }
  return Status::Ok();
}

// Appends `document` as the next version of `kind` for `subject` unless it equals the last one;
// says which on `text` and returns the result's JSON. `files` (name -> bytes rendered now) are
// kept under `root` where they match the version's recorded hashes: before the append for a new
// version, so that no recorded file is missing; for an unchanged one when the bytes still hash to
// what it recorded (this also fills in versions published before files were kept).
Result<nlohmann::json> PublishIfChanged(store::Ledger& ledger, const std::filesystem::path& root,
                                        const char* kind, const std::string& subject,
                                        const std::string& label, const nlohmann::json& document,
                                        const nlohmann::json& rendered,
                                        const std::map<std::string, std::string>& files,
                                        const PublishOptions& options,
                                        const std::string& retain_until, std::ostream& text) {
  Result<std::vector<docs::PublishedVersion>> versions =
      docs::PublishedVersions(ledger, subject, kind);
  if (!versions.ok()) return ExplainLocked(versions.status());
  nlohmann::json result = {{"kind", kind}, {"subject", subject}};
  if (!versions->empty() &&
      versions->back().content.value("documentation", nlohmann::json()) == document) {
    text << label << ": unchanged since version " << versions->back().number << " (ledger entry "
         << versions->back().seq << ")\n";
    result.update({{"published", false}, {"version", versions->back().number}});
    Status kept = KeepRecordedFiles(
        root, files, versions->back().content.value("rendered", nlohmann::json::object()));
    if (!kept.ok()) return kept;
    return result;
  }
  Status kept = KeepRecordedFiles(root, files, rendered);
  if (!kept.ok()) return kept;
  Result<docs::PublishedVersion> published =
      docs::PublishVersion(ledger, subject, document, rendered, options.note,
                           Author(options.author), retain_until, kind);
  if (!published.ok()) return ExplainLocked(published.status());
  text << label << ": published version " << published->number << " as ledger entry "
       << published->seq << "\n";
  result.update({{"published", true}, {"version", published->number}, {"seq", published->seq}});
  return result;
}

// The model's public summary of training content (AI Act Art. 53(1)(d)), as `gpaikit summary`
// renders it by default, and the copyright policy file its AIA-53-1-c fulfilment names
// (Art. 53(1)(c)), each versioned in the ledger when it changed.
Status PublishSummaryAndPolicy(const AssessedProject& context,
                               const scope::ModelAssessment& assessment, store::Ledger& ledger,
                               const PublishOptions& options, const std::string& retain_until,
                               std::ostream& text, nlohmann::json& results,
                               std::set<std::string>& policies_done) {
  const project::Model& model = *assessment.model;
  if (model.training_data) {
    Result<std::optional<docs::CorpusStats>> stats = docs::StatsFor(context.project, model, {});
    if (!stats.ok()) return stats.status();
    const law::summary::Template& form = context.summary_template;
    docs::TrainingSummary summary = docs::BuildTrainingSummary(
        context.project, assessment, form, stats->has_value() ? &**stats : nullptr);
    std::string stem = model.id + "-training-summary";
    Result<std::string> html =
        docs::RenderSummaryHtml(summary, form, false, options.output.templates);
    if (!html.ok()) return html.status();
    std::map<std::string, std::string> files = {
        {stem + ".md", docs::RenderSummaryMarkdown(summary, form)}, {stem + ".html", *html}};
    nlohmann::json rendered = nlohmann::json::object();
    for (const auto& [name, bytes] : files) rendered[name] = Sha256Hex(bytes);
    Result<nlohmann::json> result =
        PublishIfChanged(ledger, context.project.root, docs::kSummaryVersionKind, model.id,
                         model.id + " public summary", docs::SummaryJson(summary, form), rendered,
                         files, options, retain_until, text);
    if (!result.ok()) return result.status();
    results.push_back(*result);
  }
  for (const project::Fulfilment& fulfilment : model.fulfilled) {
    if (fulfilment.obligation != "AIA-53-1-c" ||
        !policies_done.insert(fulfilment.evidence).second) {
      continue;
    }
    std::filesystem::path file = context.project.root / fulfilment.evidence;
    std::error_code error;
    if (fulfilment.evidence.find("://") != std::string::npos ||
        !std::filesystem::is_regular_file(file, error)) {
      continue;  // a link: the policy is kept elsewhere
    }
    Result<std::string> policy = ReadFile(file);
    if (!policy.ok()) return policy.status();
    nlohmann::json document = {
        {"file", fulfilment.evidence}, {"sha256", Sha256Hex(*policy)}, {"text", *policy}};
    Result<nlohmann::json> result = PublishIfChanged(
        ledger, context.project.root, docs::kCopyrightPolicyVersionKind, fulfilment.evidence,
        "copyright policy " + fulfilment.evidence, document,
        {{fulfilment.evidence, Sha256Hex(*policy)}}, {}, options, retain_until, text);
    if (!result.ok()) return result.status();
    results.push_back(*result);
  }
  return Status::Ok();
}

int RunPublish(const PublishOptions& options) {
  // A usage error in --format is reported before anything is published.
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  Result<AssessedProject> context = LoadAndAssess(options.dir, "", 30);
  if (!context.ok()) return ReportFailure(context.status());
  Result<std::vector<const scope::ModelAssessment*>> models = SelectModels(*context, options.model);
  if (!models.ok()) return ReportFailure(models.status());
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(context->project.root, true);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  int exit_code = kExitOk;
  std::ostringstream text;
  nlohmann::json results = nlohmann::json::array();
  for (const scope::ModelAssessment* assessment : *models) {
    const std::string& id = assessment->model->id;
    Result<docs::ModelDocumentation> documentation =
        ModelDocumentation(*context, *assessment, ledger->get());
    if (!documentation.ok()) return ReportFailure(documentation.status());
    if (documentation->Errors() > 0 && !options.force) {
      for (const docs::Finding& finding : documentation->findings) {
        if (finding.severity == docs::Severity::kError) std::cerr << finding.message << "\n";
      }
      std::cerr << id << ": not published: " << documentation->Errors()
                << " invalid value(s) (quality control, Measure 1.3); fix them or use --force\n";
      exit_code = kExitBlocking;
      results.push_back({{"model", id}, {"published", false}, {"errors", documentation->Errors()}});
      continue;
    }
    Result<std::vector<docs::PublishedVersion>> versions = docs::PublishedVersions(**ledger, id);
    if (!versions.ok()) return ReportFailure(ExplainLocked(versions.status()));
    nlohmann::json full = docs::FullJson(*documentation, context->form);
    if (!versions->empty() &&
        versions->back().content.value("documentation", nlohmann::json()) == full) {
      text << id << ": unchanged since version " << versions->back().number << " (ledger entry "
           << versions->back().seq << "); nothing published\n";
      results.push_back({{"model", id},
                         {"published", false},
                         {"version", versions->back().number},
                         {"seq", versions->back().seq}});
      continue;
    }
    documentation->header = {std::to_string(versions->size() + 1), store::UtcNow().substr(0, 10)};
    std::string retain_until = RetainUntil(*assessment->model, context->rules);
    Result<nlohmann::json> hashes =
        RenderedHashes(*documentation, context->form, options.output.templates);
    if (!hashes.ok()) return ReportFailure(hashes.status());
    Result<docs::PublishedVersion> published = docs::PublishVersion(
        **ledger, id, full, *hashes, options.note, Author(options.author), retain_until);
    if (!published.ok()) return ReportFailure(ExplainLocked(published.status()));
    text << id << ": published version " << published->number << " as ledger entry "
         << published->seq << "; kept until "
         << (retain_until.empty() ? "ten years after Union market placement (not yet placed)"
                                  : retain_until)
         << "\n";
    results.push_back({{"model", id},
                       {"published", true},
                       {"version", published->number},
                       {"seq", published->seq},
                       {"retain_until", retain_until}});
  }
  nlohmann::json others = nlohmann::json::array();
  std::set<std::string> policies_done;
  for (const scope::ModelAssessment* assessment : *models) {
    Status status = PublishSummaryAndPolicy(*context, *assessment, **ledger, options,
                                            RetainUntil(*assessment->model, context->rules), text,
                                            others, policies_done);
    if (!status.ok()) return ReportFailure(status);
  }
  Status written =
      EmitTextOrJson(options.output, text.str(),
                     {{"schema", "gpaikit.publish/1"}, {"models", results}, {"documents", others}});
  if (!written.ok()) return ReportFailure(written);
  return exit_code;
}

}  // namespace

void RegisterPublishCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* command = app.add_subcommand(
      "publish", "Store the current documentation as a new version in the hash-chained ledger");
  AddProjectDirOption(command, options->dir, /*positional=*/true);
  command->add_option("--note", options->note, "What changed in this version")->required();
  command->add_option("--author", options->author, "Who publishes (default: $USER)");
  command->add_option("--model", options->model, "Only this model id");
  command->add_flag("--force", options->force, "Publish even with invalid values");
  AddOutputOptions(command, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "what was published (JSON schema gpaikit.publish/1)");
  command->add_option("--templates", options->output.templates,
                      "Folder of the HTML report templates that docs and summary render with "
                      "(--templates there), so that the SHA-256 recorded for each HTML file "
                      "matches it (default: the installed data/report/templates)");
  SetHelpFooter(command, {"gpaikit publish my-project --note \"row 2.7a corrected\""});
  command->callback([options, &exit_code] { exit_code = RunPublish(*options); });
}

}  // namespace gpaikit::cli

// `gpaikit docs [DIR] --audience ai-office|nca|downstream|all [--format md|html|json|docx|pdf]
// [--out DIR]`:
// the Model Documentation Form with exactly the audience's rows (Code of Practice, Transparency,
// Measures 1.1 and 1.2). Exit 1 when a required row for the audience is missing or invalid.
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/exchange.h"
#include "gpaikit/report/exchange.h"

namespace gpaikit::cli {
namespace {

struct DocsOptions {
  std::string dir = ".";
  std::string audience;
  OutputOptions output;
  std::string model;
  std::string as_of;
  bool draft = false;  // keep the working notes
};

// `recorded`: the ledger version that records this documentation (the DOCX and PDF footer);
// `as_of` dates the DOCX and PDF files when the documentation gives no date of its last update.
Result<std::string> Render(const docs::ModelDocumentation& documentation,
                           const law::form::Form& form, const std::string& audience, Format format,
                           bool draft, const docs::PublishedVersion* recorded,
                           const CivilDate& as_of, const std::filesystem::path& templates) {
  if (format == Format::kDocx || format == Format::kPdf) {
    report::Document document = docs::FormDocument(documentation, form, audience);
    const law::form::Audience* found = form.FindAudience(audience);
    std::string footer = docs::PageFooter(
        form.title + ", " + documentation.model_id + ", for " + (found ? found->label : audience),
        documentation.header.version, documentation.header.last_updated, recorded);
    const std::string& updated = documentation.header.last_updated;
    std::string date = CivilDate::Parse(updated) ? updated : as_of.ToString();
    return format == Format::kDocx ? report::RenderDocx(document, footer, date, templates)
                                   : report::RenderPdf(document, footer, date, templates);
  }
  if (format == Format::kHtml) {
    return docs::RenderHtml(documentation, form, audience, draft, templates);
  }
  if (format == Format::kJson) {
    return docs::AudienceJson(documentation, form, audience).dump(2) + "\n";
  }
  return docs::RenderMarkdown(documentation, form, audience, draft);
}

void PrintFindings(const docs::ModelDocumentation& documentation, const law::form::Form& form,
                   const std::string& audience) {
  for (const docs::Finding& finding : documentation.findings) {
    if (!finding.row.empty() && !form.FindRow(finding.row)->For(audience)) continue;
    std::cerr << (finding.location.line ? finding.location.ToString() + ": " : "")
              << docs::SeverityName(finding.severity) << ": " << finding.message << "\n";
  }
  docs::Completeness completeness = docs::CompletenessFor(documentation, form, audience);
  std::cerr << documentation.model_id << " for " << audience << ": " << completeness.filled
            << " of " << completeness.rows << " rows filled";
  if (!completeness.missing.empty()) {
    std::cerr << "; missing:";
    for (const std::string& id : completeness.missing) std::cerr << " " << id;
  }
  if (completeness.not_required) std::cerr << "; " << completeness.not_required << " not required";
  std::cerr << "\n";
}

int RunDocs(const DocsOptions& options) {
  Result<std::vector<Format>> formats = options.output.ChosenAll();
  if (!formats.ok()) return ReportFailure(formats.status());
  Result<AssessedProject> context = LoadAndAssess(options.dir, options.as_of, 30);
  if (!context.ok()) return ReportFailure(context.status());
  const law::form::Form& form = context->form;
  std::vector<std::string> audiences;
  std::string known;
  for (const law::form::Audience& audience : form.audiences) {
    known += (known.empty()                         ? ""
              : &audience == &form.audiences.back() ? " or "
                                                    : ", ") +
             audience.id;
    if (options.audience == "all" || options.audience == audience.id) {
      audiences.push_back(audience.id);
    }
  }
  if (audiences.empty()) {
    return ReportFailure(Status::InvalidInput("--audience: expected " + known + ", or all, got '" +
                                              options.audience + "'"));
  }
  if (options.output.out.empty() && audiences.size() > 1) {
    return ReportFailure(Status::InvalidInput(
        "--audience all writes one file per audience and format: give --out DIR"));
  }
  Result<std::vector<const scope::ModelAssessment*>> models = SelectModels(*context, options.model);
  if (!models.ok()) return ReportFailure(models.status());
  if (options.output.out.empty() && formats->front() == Format::kJson && models->size() > 1) {
    return ReportFailure(Status::InvalidInput(
        "--format json prints one document: choose a model with --model, or use --out DIR"));
  }
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(context->project.root, false);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  bool gaps = false;
  for (const scope::ModelAssessment* assessment : *models) {
    Result<docs::ModelDocumentation> documentation =
        ModelDocumentation(*context, *assessment, ledger->get());
    if (!documentation.ok()) return ReportFailure(documentation.status());
    std::vector<docs::PublishedVersion> versions;
    if (*ledger) {
      Result<std::vector<docs::PublishedVersion>> all =
          docs::PublishedVersions(**ledger, assessment->model->id);
      if (!all.ok()) return ReportFailure(ExplainLocked(all.status()));
      versions = docs::VersionsAsOf(*all, context->options.as_of);
    }
    const docs::PublishedVersion* recorded =
        docs::RecordingVersion(versions, docs::FullJson(*documentation, form));
    for (const std::string& audience : audiences) {
      for (Format format : *formats) {
        Result<std::string> text =
            Render(*documentation, form, audience, format, options.draft, recorded,
                   context->options.as_of, options.output.templates);
        if (!text.ok()) return ReportFailure(text.status());
        Status written = options.output.out.empty()
                             ? Emit(options.output, *text)
                             : WriteOutputFileIn(options.output.out,
                                                 assessment->model->id + "-" + audience + "." +
                                                     std::string(FormatExtension(format)),
                                                 *text);
        if (!written.ok()) return ReportFailure(written);
      }
      PrintFindings(*documentation, form, audience);
      docs::Completeness completeness = docs::CompletenessFor(*documentation, form, audience);
      gaps |= !completeness.missing.empty() || !completeness.invalid.empty();
    }
  }
  return gaps ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterDocsCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DocsOptions>();
  CLI::App* command = app.add_subcommand(
      "docs", "Render the Model Documentation Form for one audience (exactly its rows)");
  AddProjectDirOption(command, options->dir, /*positional=*/true);
  command
      ->add_option("--audience", options->audience,
                   "ai-office, nca, downstream, or all (every audience; needs --out)")
      ->required();
  AddOutputOptions(command, options->output,
                   {Format::kMarkdown, Format::kHtml, Format::kJson, Format::kDocx, Format::kPdf},
                   OutKind::kFolder,
                   "<model>-<audience>.<md|html|json>; docx and pdf (pandoc, weasyprint; "
                   "docs/exchange.md) only when asked for with --format");
  SetHelpFooter(command,
                {"gpaikit docs my-project --audience downstream --format html > doc.html",
                 "gpaikit docs -C my-project --audience all --out docs   (every audience, "
                 "md, html and json)",
                 "gpaikit docs my-project --audience ai-office --format docx --out exchange "
                 "  (Word, footer traced to the ledger)"});
  command->add_option("--model", options->model, "Only this model id");
  command->add_option("--as-of", options->as_of, "Evaluation day YYYY-MM-DD (default: today)");
  command->add_flag("--draft", options->draft,
                    "keep the working notes (where derived values come from, internal tags) for "
                    "the team; the default is the document to hand over");
  command->callback([options, &exit_code] { exit_code = RunDocs(*options); });
}

}  // namespace gpaikit::cli

// `gpaikit ledger log | show N | diff A B | verify`: the project's ledger, read and
// checked (Code of Practice, Transparency, Measure 1.3: protected from unintended alteration).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"

namespace gpaikit::cli {
namespace {

struct LedgerOptions {
  std::string dir = ".";
  int64_t show = 0;
  int64_t a = 0;
  int64_t b = 0;
  std::string expect_head;  // verify: a hash published earlier
  std::string public_key;   // verify: the key the head must be signed with
  std::string key_file;     // keygen
  OutputOptions output;
};

std::string Summary(const store::Entry& entry) {
  nlohmann::json content = nlohmann::json::parse(entry.content, nullptr, false);
  if (!content.is_object()) return "";
  if (entry.kind == docs::kVersionKind || entry.kind == docs::kSummaryVersionKind ||
      entry.kind == docs::kCopyrightPolicyVersionKind) {
    return "version " + std::to_string(content.value("version", 0)) + ": " +
           content.value("note", std::string());
  }
  if (entry.kind == docs::kRequestOpenKind) {
    return "from " + content.value("from", std::string()) + ": " +
           content.value("subject", std::string()) + " (due " +
           content.value("due", std::string()) + ")";
  }
  if (entry.kind == docs::kRequestAnswerKind) {
    return "answered " + content.value("answered", std::string());
  }
  return "";
}

Result<std::unique_ptr<store::Ledger>> Open(const LedgerOptions& options) {
  Result<project::Project> project = project::LoadProject(options.dir);
  if (!project.ok()) return project.status();
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(project->root, false);
  if (ledger.ok() && !*ledger) {
    return Status::NotFound(project->root.string() +
                            ": no ledger yet (.gpaikit/ledger.sqlite); run 'gpaikit publish'");
  }
  return ledger;
}

// Prints `text` or `json` as --format asks; returns `exit_code`, or 2 on a usage or write error.
int Finish(const LedgerOptions& options, const std::string& text, const nlohmann::json& json,
           int exit_code) {
  Status written = EmitTextOrJson(options.output, text, json);
  return written.ok() ? exit_code : ReportFailure(written);
}

int RunLog(const LedgerOptions& options) {
  Result<std::unique_ptr<store::Ledger>> ledger = Open(options);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  Result<std::vector<store::Entry>> entries = (*ledger)->Entries();
  if (!entries.ok()) return ReportFailure(ExplainLocked(entries.status()));
  nlohmann::json json = nlohmann::json::array();
  std::ostringstream text;
  for (const store::Entry& entry : *entries) {
    json.push_back({{"seq", entry.seq},
                    {"kind", entry.kind},
                    {"subject", entry.subject},
                    {"author", entry.author},
                    {"time", entry.time},
                    {"hash", entry.hash}});
    text << entry.seq << "  " << entry.time << "  " << entry.hash.substr(0, 12) << "  "
         << entry.kind << "  " << entry.subject << "  " << entry.author << "  " << Summary(entry)
         << "\n";
  }
  return Finish(options, text.str(), {{"schema", "gpaikit.ledger/1"}, {"entries", json}}, kExitOk);
}

int RunShow(const LedgerOptions& options) {
  Result<std::unique_ptr<store::Ledger>> ledger = Open(options);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  Result<store::Entry> entry = (*ledger)->Get(options.show);
  if (!entry.ok()) return ReportFailure(entry.status());
  nlohmann::json content = nlohmann::json::parse(entry->content, nullptr, false);
  std::ostringstream text;
  text << "entry " << entry->seq << "\nkind: " << entry->kind << "\nsubject: " << entry->subject
       << "\nauthor: " << entry->author << "\ntime: " << entry->time
       << "\nprevious hash: " << entry->previous_hash << "\nhash: " << entry->hash << "\ncontent:\n"
       << (content.is_discarded() ? entry->content : content.dump(2)) << "\n";
  nlohmann::json json = {
      {"schema", "gpaikit.ledger.entry/1"},
      {"seq", entry->seq},
      {"kind", entry->kind},
      {"subject", entry->subject},
      {"author", entry->author},
      {"time", entry->time},
      {"previous_hash", entry->previous_hash},
      {"hash", entry->hash},
      {"content", content.is_discarded() ? nlohmann::json(entry->content) : content}};
  return Finish(options, text.str(), std::move(json), kExitOk);
}

int RunDiff(const LedgerOptions& options) {
  Result<std::unique_ptr<store::Ledger>> ledger = Open(options);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  nlohmann::json sides[2];
  int64_t seqs[2] = {options.a, options.b};
  for (int i = 0; i < 2; ++i) {
    Result<store::Entry> entry = (*ledger)->Get(seqs[i]);
    if (!entry.ok()) return ReportFailure(entry.status());
    sides[i] = nlohmann::json::parse(entry->content, nullptr, false);
    if (sides[i].is_discarded()) {
      return ReportFailure(
          Status::InvalidInput("entry " + std::to_string(seqs[i]) + ": content is not JSON"));
    }
    sides[i]["subject"] = entry->subject;
    sides[i]["kind"] = entry->kind;
  }
  std::vector<std::string> lines = docs::DiffJson(sides[0], sides[1]);
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  if (lines.empty()) {
    text = "entries " + std::to_string(options.a) + " and " + std::to_string(options.b) +
           " have the same content\n";
  }
  return Finish(options, text,
                {{"schema", "gpaikit.ledger.diff/1"},
                 {"a", options.a},
                 {"b", options.b},
                 {"differences", lines}},
                kExitOk);
}

int RunVerify(const LedgerOptions& options) {
  Result<std::unique_ptr<store::Ledger>> ledger = Open(options);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  Result<store::Verification> verification = (*ledger)->Verify(options.expect_head);
  if (!verification.ok()) return ReportFailure(ExplainLocked(verification.status()));
  if (verification->ok() && !options.public_key.empty() &&
      verification->signed_by != options.public_key) {
    verification->problem =
        verification->signed_by.empty()
            ? "the head file is not signed, but --public-key asks for a signature"
            : "the head file is signed by " + verification->signed_by + ", not by --public-key";
  }
  nlohmann::json json = {{"schema", "gpaikit.ledger.verify/1"},
                         {"verified", verification->ok()},
                         {"entries_checked", verification->entries_checked},
                         {"head_behind", verification->head_behind},
                         {"signed_by", verification->signed_by}};
  std::ostringstream text;
  if (verification->ok()) {
    text << "ledger verified: " << verification->entries_checked
         << " entries, every hash and link intact, head file agrees";
    if (!verification->signed_by.empty()) text << ", signed by " << verification->signed_by;
    if (!options.expect_head.empty()) text << ", contains the expected head";
    if (verification->head_behind > 0) {
      text << " (" << verification->head_behind
           << " newest entries after it: an append interrupted after its commit; the next "
              "append rewrites the head file)";
    }
    text << "\n";
    return Finish(options, text.str(), std::move(json), kExitOk);
  }
  text << "ledger verification FAILED after checking " << verification->entries_checked
       << " entries: " << verification->problem << "\n";
  json["problem"] = verification->problem;
  if (verification->first_bad_seq) json["first_bad_entry"] = *verification->first_bad_seq;
  return Finish(options, text.str(), std::move(json), kExitBlocking);
}

// The head to publish (docs/ledger.md "Heads"): whoever keeps it can detect a later rollback.
int RunHead(const LedgerOptions& options) {
  Result<std::unique_ptr<store::Ledger>> ledger = Open(options);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  Result<store::Verification> verification = (*ledger)->Verify();
  if (!verification.ok()) return ReportFailure(ExplainLocked(verification.status()));
  if (!verification->ok()) {
    return ReportFailure(
        Status::InvalidInput("the ledger does not verify, so it has no head to "
                             "publish: " +
                             verification->problem));
  }
  Result<store::Head> head = (*ledger)->CurrentHead();
  if (!head.ok()) return ReportFailure(head.status());
  nlohmann::json json = {{"schema", "gpaikit.ledger.head/1"},
                         {"seq", head->seq},
                         {"hash", head->hash},
                         {"time", store::UtcNow()}};
  if (head->is_signed()) {
    json["public_key"] = head->public_key;
    json["signature"] = head->signature;
    json["signed"] = head->SignedBytes();
  }
  return Finish(options, head->ToText(), std::move(json), kExitOk);
}

int RunKeygen(const LedgerOptions& options) {
  std::filesystem::path file =
      options.key_file.empty() ? store::DefaultKeyPath() : std::filesystem::path(options.key_file);
  store::HeadKey key = store::HeadKey::Generate();
  if (Status saved = key.Save(file); !saved.ok()) return ReportFailure(saved);
  std::cerr << "gpaikit: wrote " << file.string() << " (keep it outside the project folder)\n";
  return Finish(options, key.PublicKeyHex() + "\n",
                {{"schema", "gpaikit.ledger.key/1"},
                 {"key_file", file.string()},
                 {"public_key", key.PublicKeyHex()}},
                kExitOk);
}

}  // namespace

void RegisterLedgerCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LedgerOptions>();
  CLI::App* ledger = app.add_subcommand(
      "ledger", "Read and verify the hash-chained ledger (.gpaikit/ledger.sqlite)");
  ledger->require_subcommand(1);
  ledger->fallthrough();  // -C may also come before the action: `ledger -C DIR log`
  AddProjectDirOption(ledger, options->dir, /*positional=*/false);
  SetHelpFooter(ledger, {"gpaikit ledger verify my-project"});
  CLI::App* log = ledger->add_subcommand("log", "List every entry");
  AddProjectDirOption(log, options->dir, /*positional=*/true);
  SetHelpFooter(log, {"gpaikit ledger log my-project --json"});
  log->callback([options, &exit_code] { exit_code = RunLog(*options); });
  CLI::App* show = ledger->add_subcommand("show", "Print one entry in full");
  show->add_option("n", options->show, "Entry number")->required();
  AddProjectDirOption(show, options->dir, /*positional=*/false);
  SetHelpFooter(show, {"gpaikit ledger show 3 -C my-project"});
  show->callback([options, &exit_code] { exit_code = RunShow(*options); });
  CLI::App* diff = ledger->add_subcommand("diff", "Field-by-field differences of two entries");
  diff->add_option("a", options->a, "Entry number")->required();
  diff->add_option("b", options->b, "Entry number")->required();
  AddProjectDirOption(diff, options->dir, /*positional=*/false);
  SetHelpFooter(diff, {"gpaikit ledger diff 1 2 -C my-project"});
  diff->callback([options, &exit_code] { exit_code = RunDiff(*options); });
  CLI::App* verify =
      ledger->add_subcommand("verify", "Recompute the chain; exit 1 naming the first bad entry");
  AddProjectDirOption(verify, options->dir, /*positional=*/true);
  SetHelpFooter(verify, {"gpaikit ledger verify my-project"});
  verify->add_option("--expect-head", options->expect_head,
                     "A head hash published earlier: fail unless the chain still contains it "
                     "(detects a rollback or a rewritten chain)");
  verify->add_option("--public-key", options->public_key,
                     "Fail unless the head file is signed with this Ed25519 key (hex)");
  verify->callback([options, &exit_code] { exit_code = RunVerify(*options); });
  CLI::App* head = ledger->add_subcommand(
      "head", "Print the head to publish (signed with the key of 'ledger keygen' when present)");
  AddProjectDirOption(head, options->dir, /*positional=*/true);
  SetHelpFooter(head, {"gpaikit ledger head my-project --json > head.json"});
  head->callback([options, &exit_code] { exit_code = RunHead(*options); });
  CLI::App* keygen =
      ledger->add_subcommand("keygen",
                             "Create the Ed25519 key that signs heads ($GPAIKIT_LEDGER_KEY, else "
                             "~/.config/gpaikit/ledger.key)");
  keygen->add_option("--key-file", options->key_file,
                     "Where to write the key (default: $GPAIKIT_LEDGER_KEY, else "
                     "$XDG_CONFIG_HOME or ~/.config, gpaikit/ledger.key)");
  SetHelpFooter(keygen, {"GPAIKIT_LEDGER_KEY=~/keys/ledger.key gpaikit ledger keygen"});
  keygen->callback([options, &exit_code] { exit_code = RunKeygen(*options); });
  for (CLI::App* sub : {log, show, diff, verify, head, keygen}) {
    AddOutputOptions(sub, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                     "the result (JSON schema gpaikit.ledger*/1)");
  }
}

}  // namespace gpaikit::cli

// `gpaikit request add|answer|list`: downstream providers' requests for additional information,
// due 14 days after receipt (Code of Practice, Transparency, Measure 1.2(4); the period is read
// from data/code-of-practice/, clock downstream-request-answer).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

struct RequestOptions {
  std::string dir = ".";
  std::string from;
  std::string date;
  std::string subject;
  std::string model;
  std::string note;
  std::string author;
  std::string as_of;
  int number = 0;
  OutputOptions output;
};

nlohmann::json RequestJson(const docs::Request& r, const CivilDate& as_of) {
  nlohmann::json out = {{"number", r.number},      {"ledger_entry", r.seq},
                        {"from", r.from},          {"model", r.model},
                        {"subject", r.subject},    {"received", r.received.ToString()},
                        {"due", r.due.ToString()}, {"overdue", r.Overdue(as_of)}};
  if (r.answered) {
    out["answered"] = r.answered->ToString();
    out["answered_late"] = r.AnsweredLate();
  }
  return out;
}

// Prints `text` or `json` as --format asks; returns `exit_code`, or 2 on a usage or write error.
int Finish(const RequestOptions& options, const std::string& text, const nlohmann::json& json,
           int exit_code) {
  Status written = EmitTextOrJson(options.output, text, json);
  return written.ok() ? exit_code : ReportFailure(written);
}

struct Opened {
  project::Project project;
  std::unique_ptr<store::Ledger> ledger;
};

Result<Opened> Open(const RequestOptions& options, bool create) {
  Result<project::Project> project = project::LoadProject(options.dir);
  if (!project.ok()) return project.status();
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(project->root, create);
  if (!ledger.ok()) return ledger.status();
  return Opened{std::move(*project), std::move(*ledger)};
}

int RunAdd(const RequestOptions& options) {
  Result<CivilDate> received = ParseDateOrToday("--date", options.date);
  if (!received.ok()) return ReportFailure(received.status());
  Result<law::Sourced<int>> days =
      law::form::LoadCodeClockDays(DataDir(), "", "downstream-request-answer");
  if (!days.ok()) return ReportFailure(days.status());
  Result<Opened> opened = Open(options, true);
  if (!opened.ok()) return ReportFailure(opened.status());
  if (!options.model.empty()) {
    bool known = false;
    for (const project::Model& model : opened->project.models) known |= model.id == options.model;
    if (!known) return ReportFailure(Status::NotFound("--model: no model '" + options.model + "'"));
  }
  Result<docs::Request> request =
      docs::AddRequest(*opened->ledger, options.from, options.model, options.subject, *received,
                       days->value, Author(options.author));
  if (!request.ok()) return ReportFailure(ExplainLocked(request.status()));
  std::ostringstream text;
  text << "request " << request->number << " from " << request->from << " received "
       << request->received.ToString() << ", due " << request->due.ToString() << " (" << days->value
       << " days, " << days->provenance.source << ")\n";
  nlohmann::json json = {{"schema", "gpaikit.request/1"},
                         {"request", RequestJson(*request, request->received)},
                         {"period_days", days->value},
                         {"source", days->provenance.source}};
  return Finish(options, text.str(), json, kExitOk);
}

int RunAnswer(const RequestOptions& options) {
  Result<CivilDate> answered = ParseDateOrToday("--date", options.date);
  if (!answered.ok()) return ReportFailure(answered.status());
  Result<Opened> opened = Open(options, false);
  if (!opened.ok()) return ReportFailure(opened.status());
  if (!opened->ledger) return ReportFailure(Status::NotFound("no requests recorded yet"));
  Result<docs::Request> request = docs::AnswerRequest(*opened->ledger, options.number, *answered,
                                                      options.note, Author(options.author));
  if (!request.ok()) return ReportFailure(ExplainLocked(request.status()));
  std::ostringstream text;
  text << "request " << request->number << " answered " << answered->ToString()
       << (request->AnsweredLate() ? ", after the due date " : ", due ") << request->due.ToString()
       << "\n";
  return Finish(options, text.str(),
                {{"schema", "gpaikit.request/1"}, {"request", RequestJson(*request, *answered)}},
                kExitOk);
}

int RunList(const RequestOptions& options) {
  Result<CivilDate> as_of = ParseAsOf(options.as_of);
  if (!as_of.ok()) return ReportFailure(as_of.status());
  Result<Opened> opened = Open(options, false);
  if (!opened.ok()) return ReportFailure(opened.status());
  std::vector<docs::Request> requests;
  if (opened->ledger) {
    Result<std::vector<docs::Request>> recorded = docs::Requests(*opened->ledger);
    if (!recorded.ok()) return ReportFailure(ExplainLocked(recorded.status()));
    requests = docs::RequestsAsOf(*recorded, *as_of);
  }
  int overdue = 0;
  std::ostringstream text;
  nlohmann::json list = nlohmann::json::array();
  if (requests.empty()) text << "no requests recorded\n";
  for (const docs::Request& r : requests) {
    std::string state =
        r.answered ? "answered " + r.answered->ToString() + (r.AnsweredLate() ? " (late)" : "")
        : r.Overdue(*as_of) ? "OVERDUE"
                            : "open";
    overdue += r.Overdue(*as_of);
    text << r.number << "  " << r.received.ToString() << "  due " << r.due.ToString() << "  "
         << state << "  " << r.from << ": " << r.subject << "\n";
    list.push_back(RequestJson(r, *as_of));
  }
  return Finish(
      options, text.str(),
      {{"schema", "gpaikit.requests/1"}, {"as_of", as_of->ToString()}, {"requests", list}},
      overdue ? kExitBlocking : kExitOk);
}

}  // namespace

void RegisterRequestCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RequestOptions>();
  CLI::App* request = app.add_subcommand(
      "request", "Downstream providers' requests for information (answer within 14 days)");
  request->require_subcommand(1);
  request->fallthrough();  // -C may also come before the action: `request -C DIR list`
  AddProjectDirOption(request, options->dir, /*positional=*/false);
  SetHelpFooter(request, {"gpaikit request list my-project"});
  request->add_option("--author", options->author, "Who ledger it (default: $USER)");
  CLI::App* add = request->add_subcommand("add", "Record a request received");
  add->add_option("--from", options->from, "The downstream provider")->required();
  add->add_option("--date", options->date, "Day received YYYY-MM-DD (default: today)");
  add->add_option("--subject", options->subject, "What is asked")->required();
  add->add_option("--model", options->model, "The model it concerns");
  AddProjectDirOption(add, options->dir, /*positional=*/true);
  SetHelpFooter(add, {"gpaikit request add my-project --from \"Acme AI\" --subject \"eval "
                      "results\" --date 2026-03-02"});
  add->callback([options, &exit_code] { exit_code = RunAdd(*options); });
  CLI::App* answer = request->add_subcommand("answer", "Record that request N was answered");
  answer->add_option("n", options->number, "Request number")->required();
  answer->add_option("--date", options->date, "Day answered YYYY-MM-DD (default: today)");
  answer->add_option("--note", options->note, "What was sent");
  AddProjectDirOption(answer, options->dir, /*positional=*/false);
  SetHelpFooter(answer, {"gpaikit request answer 1 -C my-project --date 2026-03-10 --note "
                         "\"sent the evaluation report\""});
  answer->callback([options, &exit_code] { exit_code = RunAnswer(*options); });
  CLI::App* list = request->add_subcommand("list", "List requests; exit 1 if one is overdue");
  list->add_option("--as-of", options->as_of, "Evaluation day (default: today)");
  AddProjectDirOption(list, options->dir, /*positional=*/true);
  SetHelpFooter(list, {"gpaikit request list my-project --as-of 2026-03-20"});
  for (CLI::App* sub : {add, answer, list}) {
    AddOutputOptions(sub, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                     "the result (JSON schema gpaikit.request/1 or gpaikit.requests/1)");
  }
  list->callback([options, &exit_code] { exit_code = RunList(*options); });
}

}  // namespace gpaikit::cli

// `gpaikit request add|answer|list`: downstream providers' requests for additional information,
// due 14 days after receipt (Code of Practice, Transparency, Measure 1.2(4); the period is read
// from data/code-of-practice/, clock downstream-request-answer).
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
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
};

struct Opened {
  project::Project project;
  std::unique_ptr<store::RecordsDatabase> records;
};

Result<Opened> Open(const RequestOptions& options, bool create) {
  Result<project::Project> project = project::LoadProject(options.dir);
  if (!project.ok()) return project.status();
  Result<std::unique_ptr<store::RecordsDatabase>> records = OpenRecords(project->root, create);
  if (!records.ok()) return records.status();
  return Opened{std::move(*project), std::move(*records)};
}

Result<CivilDate> DateOption(const char* name, const std::string& text) {
  if (text.empty()) return CivilDate::Today();
  std::optional<CivilDate> date = CivilDate::Parse(text);
  if (!date) {
    return Status::InvalidInput(std::string(name) + ": expected a date YYYY-MM-DD, got '" + text +
                                "'");
  }
  return *date;
}

int RunAdd(const RequestOptions& options) {
  Result<CivilDate> received = DateOption("--date", options.date);
  if (!received.ok()) return ReportFailure(received.status());
  Result<law::Sourced<int>> days =
      form::LoadCodeClockDays(DataDir(), "", "downstream-request-answer");
  if (!days.ok()) return ReportFailure(days.status());
  Result<Opened> opened = Open(options, true);
  if (!opened.ok()) return ReportFailure(opened.status());
  if (!options.model.empty()) {
    bool known = false;
    for (const project::Model& model : opened->project.models) known |= model.id == options.model;
    if (!known) return ReportFailure(Status::NotFound("--model: no model '" + options.model + "'"));
  }
  Result<docs::Request> request =
      docs::AddRequest(*opened->records, options.from, options.model, options.subject, *received,
                       days->value, Author(options.author));
  if (!request.ok()) return ReportFailure(ExplainLocked(request.status()));
  std::cout << "request " << request->number << " from " << request->from << " received "
            << request->received.ToString() << ", due " << request->due.ToString() << " ("
            << days->value << " days, " << days->provenance.source << ")\n";
  return kExitOk;
}

int RunAnswer(const RequestOptions& options) {
  Result<CivilDate> answered = DateOption("--date", options.date);
  if (!answered.ok()) return ReportFailure(answered.status());
  Result<Opened> opened = Open(options, false);
  if (!opened.ok()) return ReportFailure(opened.status());
  if (!opened->records) return ReportFailure(Status::NotFound("no requests recorded yet"));
  Result<docs::Request> request = docs::AnswerRequest(*opened->records, options.number, *answered,
                                                      options.note, Author(options.author));
  if (!request.ok()) return ReportFailure(ExplainLocked(request.status()));
  std::cout << "request " << request->number << " answered " << answered->ToString()
            << (request->AnsweredLate() ? ", after the due date " : ", due ")
            << request->due.ToString() << "\n";
  return kExitOk;
}

int RunList(const RequestOptions& options) {
  Result<CivilDate> as_of = DateOption("--as-of", options.as_of);
  if (!as_of.ok()) return ReportFailure(as_of.status());
  Result<Opened> opened = Open(options, false);
  if (!opened.ok()) return ReportFailure(opened.status());
  if (!opened->records) {
    std::cout << "no requests recorded\n";
    return kExitOk;
  }
  Result<std::vector<docs::Request>> requests = docs::Requests(*opened->records);
  if (!requests.ok()) return ReportFailure(ExplainLocked(requests.status()));
  int overdue = 0;
  for (const docs::Request& r : *requests) {
    std::string state =
        r.answered ? "answered " + r.answered->ToString() + (r.AnsweredLate() ? " (late)" : "")
        : r.Overdue(*as_of) ? "OVERDUE"
                            : "open";
    overdue += r.Overdue(*as_of);
    std::cout << r.number << "  " << r.received.ToString() << "  due " << r.due.ToString() << "  "
              << state << "  " << r.from << ": " << r.subject << "\n";
  }
  return overdue ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterRequestCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RequestOptions>();
  CLI::App* request = app.add_subcommand(
      "request", "Downstream providers' requests for information (answer within 14 days)");
  request->require_subcommand(1);
  request->fallthrough();  // -C may follow the action: `request log -C DIR`
  AddProjectDirOption(request, options->dir, /*positional=*/false);
  request->add_option("--author", options->author, "Who records it (default: $USER)");
  CLI::App* add = request->add_subcommand("add", "Record a request received");
  add->add_option("--from", options->from, "The downstream provider")->required();
  add->add_option("--date", options->date, "Day received YYYY-MM-DD (default: today)");
  add->add_option("--subject", options->subject, "What is asked")->required();
  add->add_option("--model", options->model, "The model it concerns");
  add->callback([options, &exit_code] { exit_code = RunAdd(*options); });
  CLI::App* answer = request->add_subcommand("answer", "Record that request N was answered");
  answer->add_option("n", options->number, "Request number")->required();
  answer->add_option("--date", options->date, "Day answered YYYY-MM-DD (default: today)");
  answer->add_option("--note", options->note, "What was sent");
  answer->callback([options, &exit_code] { exit_code = RunAnswer(*options); });
  CLI::App* list = request->add_subcommand("list", "List requests; exit 1 if one is overdue");
  list->add_option("--as-of", options->as_of, "Evaluation day (default: today)");
  list->callback([options, &exit_code] { exit_code = RunList(*options); });
}

}  // namespace gpaikit::cli

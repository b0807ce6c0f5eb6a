// "Accept with actions" (Code of Practice, Copyright, Measure 1.5: a substantiated complaint is
// acted on; Measure 1.2: the site goes on the provider's blocklist): the list changed durably,
// each step a case event and a ledger entry, and the corpus filter re-run in the background.
#include "portal/desk_accept.h"

#include <mutex>
#include <nlohmann/json.hpp>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/durable_file.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/store/ledger.h"
#include "portal/blocklist_edit.h"
#include "portal/filter_jobs.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

// One change of a list file at a time in this process (read, plan, write).
std::mutex blocklist_mutex;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

AcceptOutcome Refused(const std::string& message, const Request& request,
                      const std::string& entries_error = "") {
  AcceptOutcome outcome;
  outcome.status = 400;
  outcome.message = message;
  outcome.entries_error = entries_error;
  outcome.entries = request.Form("entries");
  outcome.note = request.Form("note");
  return outcome;
}

AcceptOutcome Failed(const Status& status, const Request& request) {
  AcceptOutcome outcome = Refused(status.message(), request);
  outcome.status = status.code() == StatusCode::kNotFound ? 404 : 500;
  return outcome;
}

}  // namespace

AcceptOutcome AcceptWithActions(const Site::State& state, const Request& request,
                                const std::string& tracking, const std::string& actor,
                                std::time_t now) {
  Result<Case> item = state.cases->GetCase(tracking);
  if (!item.ok()) return Failed(item.status(), request);
  if (item->kind != CaseKind::kComplaint) {
    return Refused("Only a complaint is accepted with actions.", request);
  }
  if (!item->Open()) {
    return Refused(std::string("A ")
                       .append(item->state)
                       .append(" case is reopened (in-review) before it is accepted."),
                   request);
  }
  const project::Project& project = state.project;
  if (project.copyright.blocklists.empty()) {
    return Refused(
        "The project declares no blocklist: add copyright.blocklists to gpaikit.yaml "
        "(docs/project-file.md).",
        request);
  }
  const std::string& relative = project.copyright.blocklists.front();
  Result<std::filesystem::path> file = PathInside(project.root, relative, "copyright.blocklists");
  if (!file.ok()) return Failed(file.status(), request);

  BlocklistAddition addition;
  std::string list_sha256;
  {
    std::lock_guard<std::mutex> lock(blocklist_mutex);
    std::string existing;
    std::error_code error;
    if (std::filesystem::exists(*file, error)) {
      Result<std::string> text = ReadFile(*file);
      if (!text.ok()) return Failed(text.status(), request);
      existing = std::move(*text);
    }
    Result<BlocklistAddition> planned =
        PlanBlocklistAddition(existing, relative, request.Form("entries"), tracking,
                              CivilDate::OfUnixTime(now).ToString(), actor);
    if (!planned.ok()) {
      bool entered = planned.status().message().starts_with("line ");
      if (entered) return Refused("An entry was refused.", request, planned.status().message());
      return Refused(
          std::string("The blocklist file has an error: ").append(planned.status().message()),
          request);
    }
    addition = std::move(*planned);
    if (!addition.added.empty()) {
      if (Status written = WriteFileSynced(*file, addition.text); !written.ok()) {
        return Failed(written, request);
      }
      list_sha256 = Sha256Hex(addition.text);
    } else {
      list_sha256 = Sha256Hex(existing);
    }
  }

  // The change in clear in the ledger (sites, not personal data), then the case's own events.
  nlohmann::json content = {{"case", tracking},
                            {"file", relative},
                            {"added", addition.added},
                            {"already_listed", addition.already_listed},
                            {"version", addition.version},
                            {"sha256", list_sha256}};
  Result<store::Entry> entry = state.cases->AppendToLedger("portal.blocklist.add", tracking, actor,
                                                           content.dump(), UtcTimestamp(now));
  if (!entry.ok()) return Failed(entry.status(), request);
  std::string text = std::string("Added to ").append(relative).append(": ");
  text.append(addition.added.empty() ? std::string("nothing") : Joined(addition.added));
  if (!addition.already_listed.empty()) {
    text += "; already listed: " + Joined(addition.already_listed);
  }
  text += ". List version " + addition.version + ", SHA-256 " + list_sha256 + " (ledger entry " +
          std::to_string(entry->seq) + ").";
  Result<CaseEvent> listed =
      state.cases->AddEvent(tracking, kEventBlocklist, actor, text, false, now);
  if (!listed.ok()) return Failed(listed.status(), request);
  Result<CaseEvent> accepted =
      state.cases->SetState(tracking, "accepted", actor, request.Form("note"), now);
  if (!accepted.ok()) return Failed(accepted.status(), request);

  AcceptOutcome outcome;
  if (!project.corpus_filter) {
    outcome.status = 200;
    outcome.message =
        "Accepted; the blocklist is updated. The project declares no corpus_filter job in "
        "gpaikit.yaml, so no corpus was filtered again.";
    return outcome;
  }
  Result<int64_t> job = FilterJobs(*state.db).Enqueue(tracking, now);
  if (!job.ok()) return Failed(job.status(), request);
  Result<CaseEvent> queued =
      state.cases->AddEvent(tracking, kEventFilter, actor,
                            std::string("corpus filter job ")
                                .append(std::to_string(*job))
                                .append(" queued with the changed blocklist"),
                            false, now);
  if (!queued.ok()) return Failed(queued.status(), request);
  if (state.filter_worker) state.filter_worker->Notify();
  return outcome;
}

Status SetAcceptData(const Site::State& state, const Case& item, Data& data) {
  data.set("can_accept", item.kind == CaseKind::kComplaint && item.Open());
  const project::Project& project = state.project;
  data.set("has_blocklist", !project.copyright.blocklists.empty());
  if (!project.copyright.blocklists.empty()) {
    data.set("blocklist_file", project.copyright.blocklists.front());
  }
  data.set("has_filter_job", project.corpus_filter.has_value());
  Result<std::vector<FilterJobRecord>> jobs = FilterJobs(*state.db).ForCase(item.tracking);
  if (!jobs.ok()) return jobs.status();
  list rows;
  for (const FilterJobRecord& job : *jobs) {
    Data row;
    row.set("id", std::to_string(job.id));
    row.set("state", job.state);
    row.set("queued_at", job.queued_at);
    row.set("started_at", job.started_at.empty() ? std::string("-") : job.started_at);
    row.set("ended_at", job.ended_at.empty() ? std::string("-") : job.ended_at);
    row.set("done", job.state == "done");
    row.set("failed", job.state == "failed");
    row.set("kept", std::to_string(job.kept));
    row.set("removed", std::to_string(job.removed));
    row.set("blocked", std::to_string(job.blocked));
    row.set("manifest_sha256", job.manifest_sha256);
    row.set("error", job.error);
    row.set("ledger", job.ledger_seq > 0 ? std::to_string(job.ledger_seq) : std::string("-"));
    rows.push_back(row);
  }
  data.set("has_filter_jobs", !rows.empty());
  data.set("filter_jobs", rows);
  return Status::Ok();
}

}  // namespace gpaikit::portal

// The complaint and request forms and the status page: CSRF-checked POSTs, every field's error
// shown beside it with the typed values escaped, evidence stored by hash, and the tracking number
// shown only after the case is committed and its ledger entry written.
#include "portal/intake_pages.h"

#include <iostream>

#include "portal/evidence_store.h"
#include "portal/intake_form.h"
#include "portal/mail_queue.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

Response Rendered(const Site::State& state, int status, const std::string& name, Data data) {
  Response response = TemplatePage(state, status, name, std::move(data));
  // Pages with a token or a case's details are never cached.
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// Adds the errors (a summary list, and NAME_error beside each field) and the values typed.
void SetFormData(Data& data, const Fields& values, const std::vector<FieldError>& errors) {
  for (const auto& [name, value] : values) data.set(name + "_value", value);
  list summary;
  for (const FieldError& error : errors) {
    Data row;
    row.set("field", error.field);
    row.set("message", error.message);
    summary.push_back(row);
    data.set(error.field + "_error", error.message);
  }
  data.set("has_errors", !errors.empty());
  data.set("errors", summary);
}

// The form page with a token bound to the CSRF cookie (set now when the request has none).
Response FormPage(const Site::State& state, const Request& request, const char* form, Data data,
                  int status, std::time_t now) {
  Response cookie;
  std::string binding = CsrfBinding(request, cookie);
  data.set("csrf_token", state.csrf->Issue(form, binding, now));
  Response response = Rendered(state, status, form, std::move(data));
  for (auto& header : cookie.headers) response.headers.push_back(std::move(header));
  return response;
}

Data ComplaintData(const Site::State& state) {
  Data data = PageData(state, "File a copyright complaint");
  data.set("max_uploads", std::to_string(state.max_upload_files));
  data.set("max_upload_mib", std::to_string(state.max_upload_bytes >> 20));
  return data;
}

Data RequestData(const Site::State& state, const std::string& selected) {
  Data data = PageData(state, "Request documentation");
  data.set("answer_days", std::to_string(state.request_days.value));
  data.set("answer_source", state.request_days.provenance.source);
  list models;
  for (const project::Model& model : state.project.models) {
    Data row;
    row.set("id", model.id);
    row.set("label", model.name.empty() ? model.id : model.name + " (" + model.id + ")");
    row.set("selected", model.id == selected);
    models.push_back(row);
  }
  data.set("models", models);
  return data;
}

// Queues the acknowledgement with the tracking number and the status link when mail is set up
// (SiteOptions::mail_from); true when queued. A failure is logged, never shown: the case is filed.
bool Acknowledge(const Site::State& state, const std::string& to, const std::string& what,
                 const std::string& tracking, const std::string& status_url, std::time_t now) {
  if (state.mail_from.empty()) return false;
  MailMessage mail;
  mail.from = state.mail_from;
  mail.to = to;
  mail.subject = "Your " + what + " " + tracking + " was received";
  mail.body = state.project.provider.legal_name + " has received your " + what +
              ".\n\nTracking number: " + tracking + "\nStatus and replies: " + status_url +
              "\n\nKeep this link private: anyone who has it can read the case.\n";
  Status queued = state.db->Transaction(
      [&]() -> Status { return MailQueue(*state.db).Enqueue(mail, tracking, now).status(); });
  if (!queued.ok()) {
    std::cerr << "gpaikit serve: acknowledgement of " << tracking << ": " << queued.message()
              << "\n";
    return false;
  }
  if (state.mail_queued) state.mail_queued();
  return true;
}

Response FiledPage(const Site::State& state, const Filed& filed, const NewCase& filing,
                   const std::string& base_url, std::time_t now) {
  bool complaint = filing.kind == CaseKind::kComplaint;
  std::string what = complaint ? "complaint" : "request";
  std::string status_path = "/status/" + filed.status_token;
  std::string status_url = base_url + status_path.substr(1);
  bool mailed = Acknowledge(state, filing.email, what, filed.tracking, status_url, now);
  Data data = PageData(state, complaint ? "Complaint received" : "Request received");
  data.set("heading", complaint ? "Complaint received" : "Request received");
  data.set("what", what);
  data.set("tracking", filed.tracking);
  if (!filing.due_date.empty()) data.set("due", filing.due_date);
  data.set("status_path", status_path);
  data.set("status_url", status_url);
  data.set("mailed", mailed);
  return Rendered(state, 200, "filed", std::move(data));
}

Response Refused(const Site::State& state, int status, const std::string& message) {
  const char* title = status == 403 ? "Forbidden" : "Bad request";
  return ErrorPage(state, status, title, message);
}

const char* StateLabel(const std::string& state) {
  if (state == "received") return "Received, not yet reviewed";
  if (state == "in-review") return "Under review";
  if (state == "accepted") return "Accepted: action taken";
  if (state == "duplicate") return "Set aside: identical to an earlier complaint";
  if (state == "unfounded") return "Set aside as manifestly unfounded";
  if (state == "closed") return "Closed";
  return "Unknown";
}

const char* DetailLabel(const std::string& name) {
  if (name == "authority") return "Filed as";
  if (name == "mandate") return "Mandate";
  if (name == "works") return "Works concerned";
  if (name == "allegation") return "Allegation";
  if (name == "model") return "Model";
  if (name == "request") return "Request";
  return "Other";
}

}  // namespace

void SetFilerAndEvidence(Data& data, const Case& item) {
  data.set("name", item.name);
  if (!item.organisation.empty()) data.set("organisation", item.organisation);
  data.set("email", item.email);
  list details;
  for (const auto& [name, value] : item.details) {
    Data row;
    row.set("label", DetailLabel(name));
    row.set("value", value);
    details.push_back(row);
  }
  data.set("details", details);
  list evidence;
  for (const Evidence& file : item.evidence) {
    Data row;
    row.set("label", file.label);
    row.set("media_type", file.media_type);
    row.set("size", std::to_string(file.size));
    row.set("sha256", file.sha256);
    evidence.push_back(row);
  }
  data.set("has_evidence", !evidence.empty());
  data.set("evidence", evidence);
}

Response ComplaintPage(const Site::State& state, const Request& request,
                       const std::string& base_url, std::time_t now) {
  if (request.method != "POST") {
    return FormPage(state, request, kComplaintForm, ComplaintData(state), 200, now);
  }
  if (Status csrf = CheckCsrf(*state.csrf, request, kComplaintForm, now); !csrf.ok()) {
    return Refused(state, 403,
                   "The form could not be accepted: " + csrf.message() +
                       ". Please open the form again and resend it.");
  }
  for (const UploadedFile& file : request.files) {
    if (Status name = CheckUploadName(file.filename); !name.ok()) {
      return Refused(state, 400, "The evidence file was refused: " + name.message() + ".");
    }
  }
  Checked<ComplaintForm> checked = CheckComplaintForm(request.form);
  for (const UploadedFile& file : request.files) {
    if (file.field != "evidence") {
      checked.errors.push_back({"evidence", "Files are only accepted as evidence."});
    } else if (!DetectEvidenceType(file.data)) {
      checked.errors.push_back(
          {"evidence", "The file " + file.filename +
                           " is not a PDF, PNG, JPEG or plain text file (judged by its content)."});
    }
  }
  const ComplaintForm& form = checked.form;
  if (!checked.ok()) {
    Data data = ComplaintData(state);
    SetFormData(data,
                {{"name", form.name},
                 {"organisation", form.organisation},
                 {"email", form.email},
                 {"mandate", form.mandate},
                 {"works", form.works},
                 {"allegation", form.allegation}},
                checked.errors);
    data.set("is_rightsholder", form.authority == "rightsholder");
    data.set("is_representative", form.authority == "representative");
    data.set("declaration_checked", form.declaration);
    return FormPage(state, request, kComplaintForm, std::move(data), 400, now);
  }
  NewCase filing;
  filing.kind = CaseKind::kComplaint;
  filing.name = form.name;
  filing.organisation = form.organisation;
  filing.email = form.email;
  filing.details = form.Details();
  filing.identity_key = ComplaintIdentityKey(form.email, form.works, form.allegation);
  // The files are staged durably before the case commits and moved to their final names after
  // it; when filing fails, staged files no committed case names are deleted, so no file is left
  // that no case names (docs/portal.md "Intake").
  std::vector<StagedEvidence> staged;
  for (const UploadedFile& file : request.files) {
    Result<StagedEvidence> stored = StageEvidence(state.project.root, file);
    if (!stored.ok()) {
      (void)SettleFailedFiling(state.project.root, *state.db,
                               staged);  // the error shown is the first
      return InternalError(stored.status());
    }
    filing.evidence.push_back(stored->evidence);
    staged.push_back(std::move(*stored));
  }
  Result<Filed> filed = state.cases->File(filing, now);
  if (!filed.ok()) {
    (void)SettleFailedFiling(state.project.root, *state.db,
                             staged);  // the error shown is the first
    return InternalError(filed.status());
  }
  // Committed: a failed move leaves the staged file for ReconcileEvidence at the next start,
  // and no tracking number is shown until the files are in place.
  if (Status promoted = PromoteEvidence(state.project.root, staged); !promoted.ok()) {
    return InternalError(promoted);
  }
  return FiledPage(state, *filed, filing, base_url, now);
}

Response RequestPage(const Site::State& state, const Request& request, const std::string& base_url,
                     std::time_t now) {
  if (request.method != "POST") {
    return FormPage(state, request, kRequestForm, RequestData(state, ""), 200, now);
  }
  if (Status csrf = CheckCsrf(*state.csrf, request, kRequestForm, now); !csrf.ok()) {
    return Refused(state, 403,
                   "The form could not be accepted: " + csrf.message() +
                       ". Please open the form again and resend it.");
  }
  std::vector<std::string> model_ids;
  for (const project::Model& model : state.project.models) model_ids.push_back(model.id);
  Checked<RequestForm> checked = CheckRequestForm(request.form, model_ids);
  const RequestForm& form = checked.form;
  if (!checked.ok()) {
    Data data = RequestData(state, form.model);
    SetFormData(data,
                {{"name", form.name},
                 {"organisation", form.organisation},
                 {"email", form.email},
                 {"request", form.request}},
                checked.errors);
    return FormPage(state, request, kRequestForm, std::move(data), 400, now);
  }
  NewCase filing;
  filing.kind = CaseKind::kRequest;
  filing.name = form.name;
  filing.organisation = form.organisation;
  filing.email = form.email;
  filing.details = form.Details();
  filing.model = form.model;
  filing.request_subject = form.request;
  filing.answer_days = state.request_days.value;
  filing.due_date = CivilDate::OfUnixTime(now).AddDays(state.request_days.value).ToString();
  Result<Filed> filed = state.cases->File(filing, now);
  if (!filed.ok()) return InternalError(filed.status());
  return FiledPage(state, *filed, filing, base_url, now);
}

Response StatusPage(const Site::State& state, const std::string& token, std::time_t now) {
  Result<Case> found = state.cases->GetCaseByToken(token);
  if (!found.ok()) {
    if (found.status().code() != StatusCode::kNotFound) return InternalError(found.status());
    return ErrorPage(state, 404, "Not found",
                     "No case has this status link. Check that the whole link was copied.");
  }
  const Case& c = *found;
  bool complaint = c.kind == CaseKind::kComplaint;
  Data data = PageData(state, "Case " + c.tracking);
  data.set("kind_label", complaint ? "Complaint" : "Request");
  data.set("tracking", c.tracking);
  data.set("state_label", StateLabel(c.state));
  data.set("received", c.received_at);
  CivilDate today = CivilDate::OfUnixTime(now);
  data.set("days_open", std::to_string(c.DaysOpen(today)));
  if (!c.due_date.empty()) data.set("due", c.due_date);
  data.set("overdue", c.Overdue(today));
  list events;
  for (const CaseEvent& event : c.events) {
    if (!event.visible_to_filer) continue;
    Data row;
    std::string what = "Update";
    if (event.kind == kEventReceived) what = "Received";
    if (event.kind == kEventReply) what = "Reply";
    if (event.kind == kEventState) what = std::string("State: ").append(StateLabel(event.state));
    row.set("what", what);
    row.set("time", event.time);
    if (!event.text.empty()) row.set("text", event.text);
    events.push_back(row);
  }
  data.set("has_events", !events.empty());
  data.set("events", events);
  SetFilerAndEvidence(data, c);
  Response response = Rendered(state, 200, "status", std::move(data));
  return response;
}

}  // namespace gpaikit::portal

// The desk's queue, case page and case actions, on the case store (docs/portal-desk.md; Code of
// Practice, Copyright, Measure 1.5; Transparency, Measure 1.2). Every action is a case event and
// thereby a ledger entry (who, when, what) written by the case store.
#include "portal/desk_cases.h"

#include <algorithm>
#include <iostream>
#include <optional>

#include "gpaikit/base/civil_date.h"
#include "portal/case_store.h"
#include "portal/csrf.h"
#include "portal/desk_accept.h"
#include "portal/desk_auth.h"
#include "portal/desk_evidence.h"
#include "portal/desk_pages.h"
#include "portal/desk_paths.h"
#include "portal/intake_pages.h"
#include "portal/mail_queue.h"
#include "portal/staff_accounts.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

Response Rendered(const Site::State& state, int status, const std::string& name, Data data) {
  Response response = TemplatePage(state, status, name, std::move(data));
  AddDeskHeaders(response);
  return response;
}

Response DeskError(const Site::State& state, int status, const std::string& title,
                   const std::string& message) {
  Response response = ErrorPage(state, status, title, message);
  AddDeskHeaders(response);
  return response;
}

// The clocks of a case as the queue and the case page show them.
void SetClocks(Data& row, const Case& item, const CivilDate& today) {
  row.set("received", item.received_at);
  row.set("days_open", std::to_string(item.DaysOpen(today)));
  row.set("due", item.due_date.empty() ? std::string("none") : item.due_date);
  row.set("overdue", item.Open() && item.Overdue(today));
}

list Options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  list options;
  for (const auto& [value, label] : values) {
    Data option;
    option.set("value", value);
    option.set("label", label);
    option.set("selected", value == selected);
    options.push_back(option);
  }
  return options;
}

// The reply as an e-mail to the filer; nullopt when the server sends no mail.
std::optional<MailMessage> ReplyMail(const Site::State& state, const Case& item,
                                     const std::string& text) {
  if (state.mail_from.empty()) return std::nullopt;
  MailMessage mail;
  mail.from = state.mail_from;
  mail.to = item.email;
  std::string what = item.kind == CaseKind::kComplaint ? "complaint" : "request";
  mail.subject = "Reply about your " + what + " " + item.tracking;
  mail.body = state.project.provider.legal_name + " replies about your " + what + " " +
              item.tracking + ":\n\n" + text +
              "\n\nThe reply is also on your status page (the link you received when filing).\n";
  return mail;
}

}  // namespace

Response DeskQueue(const Site::State& state, const StaffSession& session, const Request& request,
                   std::time_t now) {
  const QueueFilter wanted = ParseQueueFilter(request.Query("kind"), request.Query("show"));
  CaseFilter filter;
  if (wanted.kind == "complaint") filter.kind = CaseKind::kComplaint;
  if (wanted.kind == "request") filter.kind = CaseKind::kRequest;
  if (wanted.show == "open") {
    filter.open_only = true;
  } else if (wanted.show != "all") {
    filter.state = wanted.show;
  }
  const std::string& kind = wanted.kind;
  const std::string& show = wanted.show;
  Result<std::vector<Case>> cases = state.cases->ListCases(filter);
  if (!cases.ok()) return InternalError(cases.status());
  const CivilDate today = CivilDate::OfUnixTime(now);
  Data data = DeskPageData(state, session, "Staff desk", now);
  list rows;
  int overdue = 0;
  for (const Case& item : *cases) {
    Data row;
    row.set("tracking", item.tracking);
    row.set("kind", CaseKindName(item.kind));
    row.set("state", item.state);
    row.set("owner", item.owner.empty() ? std::string("unassigned") : item.owner);
    SetClocks(row, item, today);
    if (item.Open() && item.Overdue(today)) ++overdue;
    rows.push_back(row);
  }
  data.set("cases", rows);
  data.set("has_cases", !rows.empty());
  data.set("count", std::to_string(rows.size()));
  data.set("overdue_count", std::to_string(overdue));
  data.set("kind_options",
           Options({{"", "all"}, {"complaint", "complaints"}, {"request", "requests"}}, kind));
  std::vector<std::pair<std::string, std::string>> shows = {{"open", "open"}, {"all", "all"}};
  for (const char* name : kCaseStates) shows.emplace_back(name, name);
  data.set("show_options", Options(shows, show));
  Result<std::vector<QueuedMail>> mails = MailQueue(*state.db).List("", 20);
  if (!mails.ok()) return InternalError(mails.status());
  list mail_rows;
  for (const QueuedMail& mail : *mails) {
    Data row;
    row.set("created_at", mail.created_at);
    row.set("reference", mail.reference);
    row.set("subject", mail.subject);
    row.set("state", mail.state);
    row.set("attempts", std::to_string(mail.attempts));
    if (!mail.sent_at.empty()) row.set("sent_at", mail.sent_at);
    row.set("last_error", mail.last_error);
    mail_rows.push_back(row);
  }
  data.set("has_mails", !mail_rows.empty());
  data.set("mails", mail_rows);
  return Rendered(state, 200, "desk", std::move(data));
}

namespace {

Response CasePage(const Site::State& state, const StaffSession& session,
                  const std::string& tracking, std::time_t now, int status,
                  const std::string& message, const AcceptOutcome* accept = nullptr) {
  Result<Case> found = state.cases->GetCase(tracking);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return DeskError(state, 404, "Not found", "There is no case " + tracking + ".");
    }
    return InternalError(found.status());
  }
  const Case& item = *found;
  Data data = DeskPageData(state, session, "Case " + tracking, now);
  data.set("tracking", item.tracking);
  data.set("kind", CaseKindName(item.kind));
  data.set("complaint", item.kind == CaseKind::kComplaint);
  data.set("state", item.state);
  data.set("open", item.Open());
  data.set("owner", item.owner.empty() ? std::string("unassigned") : item.owner);
  SetClocks(data, item, CivilDate::OfUnixTime(now));
  SetFilerAndEvidence(data, item);
  if (!message.empty()) data.set("message", message);
  if (Status accept_data = SetAcceptData(state, item, data); !accept_data.ok()) {
    return InternalError(accept_data);
  }
  if (accept != nullptr) {
    if (!accept->entries_error.empty()) data.set("entries_error", accept->entries_error);
    data.set("entries", accept->entries);
    data.set("accept_note", accept->note);
  }
  list events;
  for (const CaseEvent& event : item.events) {
    Data row;
    row.set("time", event.time);
    row.set("actor", event.actor);
    row.set("kind", event.kind);
    row.set("text", event.text);
    row.set("visible", event.visible_to_filer);
    row.set("state", event.state);
    row.set("ledger", event.ledger_seq > 0 ? std::to_string(event.ledger_seq) : "pending");
    events.push_back(row);
  }
  data.set("events", events);
  // Identical complaints of the same rightsholder, proposed for "duplicate" (Measure 1.5).
  list identical;
  if (item.kind == CaseKind::kComplaint) {
    Result<std::vector<std::string>> others = state.cases->FindIdenticalComplaints(tracking);
    if (!others.ok()) return InternalError(others.status());
    for (const std::string& other : *others) {
      Data row;
      row.set("tracking", other);
      identical.push_back(row);
    }
  }
  data.set("has_identical", !identical.empty());
  data.set("identical", identical);
  Result<std::vector<StaffUser>> users = StaffAccounts(*state.db).List();
  if (!users.ok()) return InternalError(users.status());
  std::vector<std::pair<std::string, std::string>> owners = {{"", "unassigned"}};
  for (const StaffUser& user : *users) {
    if (user.disabled_at.empty()) owners.emplace_back(user.name, user.name);
  }
  data.set("owner_options", Options(owners, item.owner));
  std::vector<std::pair<std::string, std::string>> states;
  for (const char* name : kCaseStates) {
    if (std::string_view(name) != "received") states.emplace_back(name, name);
  }
  data.set("state_options", Options(states, item.state == "received" ? "in-review" : item.state));
  for (std::string_view action : kDeskCaseActions) {
    std::string form = "case-" + std::string(action);
    data.set("token_" + std::string(action), DeskFormToken(state, session, form, now));
  }
  return Rendered(state, status, "desk-case", std::move(data));
}

}  // namespace

Response DeskCase(const Site::State& state, const StaffSession& session,
                  const std::string& tracking, std::time_t now) {
  return CasePage(state, session, tracking, now, 200, "");
}

Response DeskCaseAction(const Site::State& state, const StaffSession& session,
                        const Request& request, const std::string& tracking,
                        const std::string& action, std::time_t now) {
  if (Status csrf = CheckDeskForm(state, session, request, "case-" + action, now); !csrf.ok()) {
    return DeskError(state, 403, "Forbidden", csrf.message());
  }
  const std::string& actor = session.user.name;
  Result<CaseEvent> done = Status::Internal("no action");
  std::string notice;
  if (action == "assign") {
    std::string owner = request.Form("owner");
    if (!owner.empty()) {
      Result<StaffUser> user = StaffAccounts(*state.db).Get(owner);
      if (!user.ok() || !user->disabled_at.empty()) {
        return CasePage(state, session, tracking, now, 400,
                        "The owner must be an enabled staff account.");
      }
    }
    done = state.cases->Assign(tracking, owner, actor, now);
  } else if (action == "reply") {
    // The reply and its e-mail are stored in one transaction: a crash keeps both or neither. A
    // mail that cannot be composed (the filer's address refused) leaves the reply on the status
    // page and tells staff why no mail went out.
    std::string text = request.Form("text");
    Result<Case> item = state.cases->GetCase(tracking);
    if (!item.ok() && item.status().code() == StatusCode::kNotFound) {
      return DeskError(state, 404, "Not found", item.status().message());
    }
    if (!item.ok()) return InternalError(item.status());
    std::optional<MailMessage> mail = ReplyMail(state, *item, text);
    std::string unmailable;
    if (mail) {
      Result<std::string> composed = ComposeMail(*mail, now, "<check@gpaikit.invalid>");
      if (!composed.ok()) {
        unmailable = composed.status().message();
        mail.reset();
      }
    }
    done = state.cases->Reply(tracking, actor, text, now, [&]() -> Status {
      return mail ? MailQueue(*state.db).Enqueue(*mail, tracking, now).status() : Status::Ok();
    });
    if (done.ok() && mail && state.mail_queued) state.mail_queued();
    if (done.ok() && !unmailable.empty()) {
      std::cerr << "gpaikit serve: reply mail for " << tracking << ": " << unmailable << "\n";
      return CasePage(state, session, tracking, now, 200,
                      "The reply is on the status page, but no e-mail can be sent to the "
                      "filer: " +
                          unmailable);
    }
  } else if (action == "accept") {
    AcceptOutcome outcome = AcceptWithActions(state, request, tracking, actor, now);
    if (outcome.status == 404) return DeskError(state, 404, "Not found", outcome.message);
    if (outcome.status == 500) return InternalError(Status::Internal(outcome.message));
    if (outcome.status != 303) {
      return CasePage(state, session, tracking, now, outcome.status, outcome.message, &outcome);
    }
    return SeeOther(std::string(kDeskCasePrefix) + tracking);
  } else if (action == "note") {
    std::string text = request.Form("text");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return CasePage(state, session, tracking, now, 400, "A note needs text.");
    }
    done = state.cases->AddEvent(tracking, kEventNote, actor, text, false, now);
  } else {  // "state"
    std::string target = request.Form("state");
    std::string reason = request.Form("reason");
    std::string duplicate_of = request.Form("duplicate_of");
    if (target == "duplicate") {
      // Measure 1.5 lets a complaint be set aside when the same rightsholder already filed an
      // identical one: the earlier complaint must be one the server found identical.
      Result<std::vector<std::string>> identical = state.cases->FindIdenticalComplaints(tracking);
      if (!identical.ok() && identical.status().code() != StatusCode::kNotFound) {
        return InternalError(identical.status());
      }
      bool proposed = identical.ok() && std::find(identical->begin(), identical->end(),
                                                  duplicate_of) != identical->end();
      if (identical.ok() && !proposed) {
        return CasePage(state, session, tracking, now, 400,
                        "A duplicate names one of the identical complaints the desk proposes "
                        "(the same rightsholder, works and allegation).");
      }
      if (proposed) {
        std::string text = "Duplicate of ";
        text.append(duplicate_of);
        if (reason.find_first_not_of(" \t\r\n") != std::string::npos) {
          text.append(": ").append(reason);
        }
        reason = std::move(text);
      }
    }
    done = state.cases->SetState(tracking, target, actor, reason, now);
  }
  if (!done.ok()) {
    if (done.status().code() == StatusCode::kNotFound) {
      return DeskError(state, 404, "Not found", done.status().message());
    }
    if (done.status().code() == StatusCode::kInvalidInput) {
      return CasePage(state, session, tracking, now, 400, done.status().message());
    }
    return InternalError(done.status());
  }
  return SeeOther(std::string(kDeskCasePrefix) + tracking);
}

}  // namespace gpaikit::portal

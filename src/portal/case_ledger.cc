// The ledger side of the case store: one "portal.case.KIND" entry per case event, carrying the
// tracking number, the event's id, the state and a salted digest instead of any personal data;
// a request's filing also enters the downstream-request register ("request.open").
#include "portal/case_ledger.h"

#include <nlohmann/json.hpp>

#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "portal/case_store.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

using nlohmann::json;

// The ledger entry already written for `event_id` of `tracking`, 0 when none (a crash between
// the ledger's commit and the portal's update leaves one behind; it is not written twice).
Result<int64_t> RecordedSeq(const store::Ledger& ledger, const std::string& tracking,
                            int64_t event_id) {
  Result<std::vector<store::Entry>> entries = ledger.Entries("portal.case.", tracking);
  if (!entries.ok()) return entries.status();
  for (const store::Entry& entry : *entries) {
    json content = json::parse(entry.content, nullptr, false);
    if (content.is_object() && content.value("event", int64_t{0}) == event_id) return entry.seq;
  }
  return int64_t{0};
}

// The register's number of the request filed as `tracking` (its subject starts with it), 0 when
// it is not there yet.
Result<int64_t> RegisteredNumber(const store::Ledger& ledger, const std::string& tracking) {
  Result<std::vector<docs::Request>> requests = docs::Requests(ledger);
  if (!requests.ok()) return requests.status();
  std::string prefix = tracking + ": ";
  for (const docs::Request& request : *requests) {
    if (request.subject.compare(0, prefix.size(), prefix) == 0) return int64_t{request.number};
  }
  return int64_t{0};
}

}  // namespace

Status SharedLedger::With(const std::function<Status(store::Ledger&)>& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (ledger_ == nullptr) {
    Result<std::unique_ptr<store::Ledger>> opened = store::Ledger::Open(root_);
    if (!opened.ok()) return opened.status();
    ledger_ = std::move(*opened);
  }
  return body(*ledger_);
}

Result<store::Entry> CaseStore::AppendToLedger(const std::string& kind, const std::string& subject,
                                               const std::string& author,
                                               const std::string& content,
                                               const std::string& time) const {
  store::Entry entry;
  Status appended = ledger_->With([&](store::Ledger& ledger) -> Status {
    Result<store::Entry> added = ledger.Append(kind, subject, author, content, time);
    if (!added.ok()) return added.status();
    entry = std::move(*added);
    return Status::Ok();
  });
  if (!appended.ok()) return appended;
  return entry;
}

std::string CaseEntryContent(const PendingEvent& event, int64_t event_id) {
  // The digest binds the entry to what the portal database holds, without showing it: the
  // case's random salt keeps a guessed name or address from being confirmed by hashing.
  std::string covered = event.kind == kEventReceived
                            ? json{{"name", event.name},
                                   {"organisation", event.organisation},
                                   {"email", event.email},
                                   {"details", event.details},
                                   {"evidence", event.evidence}}
                                  .dump()
                            : json{{"actor", event.actor}, {"text", event.text}}.dump();
  json content = {{"case", event.tracking},
                  {"case_kind", event.case_kind},
                  {"event", event_id},
                  {"state", event.state},
                  {"digest", Sha256Hex(event.salt + "\n" + covered)}};
  return content.dump();
}

Status CaseStore::WriteLedger(int64_t event_id) const {
  PendingEvent event;
  sqlite3* db = db_->handle();
  Status read = db_->Read([&]() -> Status {
    SqlStatement select(
        db,
        "SELECT c.id, c.tracking, c.kind, c.salt, e.time, e.actor, e.kind, e.text, e.state, "
        "e.ledger_seq, c.name, c.organisation, c.email, c.details, c.received_at, c.model, "
        "c.request_subject, c.answer_days, c.request_number FROM case_events e "
        "JOIN cases c ON c.id = e.case_id WHERE e.id = ?1");
    select.Bind(1, event_id);
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no case event " + std::to_string(event_id));
    event = {select.Int(0),   select.Text(1),  select.Text(2),  select.Text(3),  select.Text(4),
             select.Text(5),  select.Text(6),  select.Text(7),  select.Text(8),  select.Int(9),
             select.Text(10), select.Text(11), select.Text(12), select.Text(13), select.Text(14),
             select.Text(15), select.Text(16), select.Int(17),  select.Int(18),  {}};
    SqlStatement files(db, "SELECT sha256 FROM case_evidence WHERE case_id = ?1 ORDER BY rowid");
    files.Bind(1, event.case_id);
    while (true) {
      Result<bool> more = files.Next();
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      event.evidence.push_back(files.Text(0));
    }
  });
  if (!read.ok()) return read;
  if (event.ledger_seq != 0) return Status::Ok();

  int64_t request_number = event.request_number;
  int64_t seq = 0;
  Status written = ledger_->With([&](store::Ledger& ledger) -> Status {
    if (event.kind == kEventReceived && event.case_kind == "request" && request_number == 0) {
      Result<int64_t> registered = RegisteredNumber(ledger, event.tracking);
      if (!registered.ok()) return registered.status();
      request_number = *registered;
      if (request_number == 0) {
        std::optional<CivilDate> received = CivilDate::Parse(event.received_at.substr(0, 10));
        if (!received) return Status::Internal(event.tracking + ": bad time " + event.received_at);
        Result<docs::Request> added = docs::AddRequest(
            ledger, event.organisation, event.model, event.tracking + ": " + event.request_subject,
            *received, static_cast<int>(event.answer_days), "portal");
        if (!added.ok()) return added.status();
        request_number = added->number;
      }
    }
    Result<int64_t> recorded = RecordedSeq(ledger, event.tracking, event_id);
    if (!recorded.ok()) return recorded.status();
    seq = *recorded;
    if (seq != 0) return Status::Ok();
    Result<store::Entry> entry =
        ledger.Append("portal.case." + event.kind, event.tracking, event.actor,
                      CaseEntryContent(event, event_id), event.time);
    if (!entry.ok()) return entry.status();
    seq = entry->seq;
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return db_->Transaction([&]() -> Status {
    if (Status s = CacheEntered({{event_id, seq}}); !s.ok()) return s;
    if (request_number == event.request_number) return Status::Ok();
    SqlStatement number(db, "UPDATE cases SET request_number = ?1 WHERE id = ?2");
    number.Bind(1, request_number).Bind(2, event.case_id);
    return number.Run(db_->path().string() + ": cases");
  });
}

Result<int> CaseStore::ReconcileLedger() const {
  std::vector<int64_t> pending;
  Status read = db_->Read([&]() -> Status {
    SqlStatement select(db_->handle(),
                        "SELECT id FROM case_events WHERE ledger_seq = 0 ORDER BY id");
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      pending.push_back(select.Int(0));
    }
  });
  if (!read.ok()) return read;
  for (int64_t id : pending) {
    if (Status written = WriteLedger(id); !written.ok()) return written;
  }
  return static_cast<int>(pending.size());
}

}  // namespace gpaikit::portal

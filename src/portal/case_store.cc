// The case store: cases, their evidence and events in the portal database; each event's ledger
// entry written after its commit (and again at start when a crash came between the two).
#include "portal/case_store.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "portal/case_ledger.h"
#include "portal/csrf.h"
#include "portal/site_state.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

using nlohmann::json;

const char* const kCaseColumns =
    "c.id, c.tracking, c.kind, c.state, c.received_at, c.due_date, c.owner, c.name, "
    "c.organisation, c.email, c.details, c.request_number";

Case ReadCase(const SqlStatement& row) {
  Case out;
  out.id = row.Int(0);
  out.tracking = row.Text(1);
  out.kind = row.Text(2) == "request" ? CaseKind::kRequest : CaseKind::kComplaint;
  out.state = row.Text(3);
  out.received_at = row.Text(4);
  out.due_date = row.Text(5);
  out.owner = row.Text(6);
  out.name = row.Text(7);
  out.organisation = row.Text(8);
  out.email = row.Text(9);
  json details = json::parse(row.Text(10), nullptr, false);
  if (details.is_array()) {
    for (const json& pair : details) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        out.details.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    }
  }
  out.request_number = static_cast<int>(row.Int(11));
  return out;
}

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Status NotFoundCase(const std::string& tracking) { return Status::NotFound("no case " + tracking); }

Result<int64_t> CaseId(sqlite3* db, const std::string& tracking, std::string* state) {
  SqlStatement select(db, "SELECT id, state FROM cases WHERE tracking = ?1");
  select.Bind(1, tracking);
  Result<bool> row = select.Next();
  if (!row.ok()) return row.status();
  if (!*row) return NotFoundCase(tracking);
  if (state != nullptr) *state = select.Text(1);
  return select.Int(0);
}

}  // namespace

const char* CaseKindName(CaseKind kind) {
  return kind == CaseKind::kRequest ? "request" : "complaint";
}

bool IsCaseState(std::string_view state) {
  return std::find(std::begin(kCaseStates), std::end(kCaseStates), state) != std::end(kCaseStates);
}

bool IsFinalCaseState(std::string_view state) {
  return state == "duplicate" || state == "unfounded" || state == "closed";
}

CivilDate Case::ReceivedDate() const {
  std::optional<CivilDate> date = CivilDate::Parse(std::string_view(received_at).substr(0, 10));
  return date ? *date : CivilDate();
}

int Case::DaysOpen(const CivilDate& today) const { return ReceivedDate().DaysUntil(today); }

bool Case::Overdue(const CivilDate& today) const {
  std::optional<CivilDate> due = CivilDate::Parse(due_date);
  return Open() && due && today > *due;
}

std::string ComplaintIdentityKey(std::string_view email, std::string_view works,
                                 std::string_view allegation) {
  std::set<std::string> lines;
  size_t start = 0;
  while (start <= works.size()) {
    size_t end = works.find('\n', start);
    if (end == std::string_view::npos) end = works.size();
    std::string line = Trim(works.substr(start, end - start));
    if (!line.empty()) lines.insert(line);
    start = end + 1;
  }
  std::string text;
  bool space = false;
  for (char c : Trim(allegation)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) text.push_back(' ');
    space = false;
    text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  json key = {{"email", Lower(Trim(email))},
              {"works", std::vector<std::string>(lines.begin(), lines.end())},
              {"allegation", text}};
  return Sha256Hex(key.dump());
}

std::string NewStatusToken() {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::string time(8, '\0');
  for (int i = 7; i >= 0; --i, micros >>= 8) {
    time[static_cast<size_t>(i)] = static_cast<char>(micros & 0xff);
  }
  return HexOf(time) + HexOf(RandomBytes(24));
}

std::string StatusTokenKey(const std::string& token) {
  return token.substr(0, 16) + Sha256Hex(token);
}

const std::vector<std::string>& CaseStore::Migrations() {
  static const std::vector<std::string> migrations = {
      "CREATE TABLE cases ("
      "  id INTEGER PRIMARY KEY,"
      "  tracking TEXT NOT NULL UNIQUE,"
      "  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'request')),"
      "  year INTEGER NOT NULL,"
      "  number INTEGER NOT NULL,"
      "  state TEXT NOT NULL,"
      "  received_at TEXT NOT NULL,"
      "  due_date TEXT NOT NULL,"
      "  owner TEXT NOT NULL DEFAULT '',"
      "  name TEXT NOT NULL,"
      "  organisation TEXT NOT NULL,"
      "  email TEXT NOT NULL,"
      "  details TEXT NOT NULL,"
      "  identity_key TEXT NOT NULL,"
      "  token_sha256 TEXT NOT NULL UNIQUE,"
      "  salt TEXT NOT NULL,"
      "  model TEXT NOT NULL,"
      "  request_subject TEXT NOT NULL,"
      "  answer_days INTEGER NOT NULL,"
      "  request_number INTEGER NOT NULL DEFAULT 0,"
      "  UNIQUE (kind, year, number));"
      "CREATE INDEX cases_identity ON cases(identity_key) WHERE identity_key <> '';"
      "CREATE TABLE case_evidence ("
      "  case_id INTEGER NOT NULL REFERENCES cases(id),"
      "  sha256 TEXT NOT NULL,"
      "  media_type TEXT NOT NULL,"
      "  size INTEGER NOT NULL,"
      "  label TEXT NOT NULL);"
      "CREATE INDEX case_evidence_case ON case_evidence(case_id);"
      "CREATE TABLE case_events ("
      "  id INTEGER PRIMARY KEY,"
      "  case_id INTEGER NOT NULL REFERENCES cases(id),"
      "  time TEXT NOT NULL,"
      "  actor TEXT NOT NULL,"
      "  kind TEXT NOT NULL,"
      "  text TEXT NOT NULL,"
      "  visible INTEGER NOT NULL,"
      "  state TEXT NOT NULL,"
      "  ledger_seq INTEGER NOT NULL DEFAULT 0);"
      "CREATE INDEX case_events_case ON case_events(case_id);"
      "CREATE INDEX case_events_unrecorded ON case_events(id) WHERE ledger_seq = 0;",
      // Version 2: links made from now on are keyed by StatusTokenKey; those made before keep
      // the plain SHA-256 of the token, which GetCaseByToken still finds.
      "ALTER TABLE cases RENAME COLUMN token_sha256 TO token_key;",
  };
  return migrations;
}

Result<CaseStore> CaseStore::Open(const PortalDb& db, std::filesystem::path project_root) {
  if (Status migrated = db.Migrate("cases", Migrations()); !migrated.ok()) return migrated;
  return CaseStore(db, std::move(project_root));
}

Result<std::vector<Case>> CaseStore::ListCases(const CaseFilter& filter) const {
  std::vector<Case> cases;
  Status status = db_->Read([&]() -> Status {
    std::string sql =
        std::string("SELECT ")
            .append(kCaseColumns)
            .append(
                " FROM cases c WHERE (?1 = '' OR c.kind = ?1) AND (?2 = '' OR c.state = ?2) AND "
                "(?3 = 0 OR c.state NOT IN ('duplicate', 'unfounded', 'closed')) ORDER BY c.id");
    SqlStatement select(db_->handle(), sql.c_str());
    select.Bind(1, std::string(filter.kind ? CaseKindName(*filter.kind) : ""))
        .Bind(2, filter.state)
        .Bind(3, static_cast<int64_t>(filter.open_only ? 1 : 0));
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      cases.push_back(ReadCase(select));
    }
  });
  if (!status.ok()) return status;
  return cases;
}

Result<Case> CaseStore::GetCase(const std::string& tracking) const {
  Case out;
  Status status = db_->Read([&]() -> Status {
    sqlite3* db = db_->handle();
    std::string sql =
        std::string("SELECT ").append(kCaseColumns).append(" FROM cases c WHERE c.tracking = ?1");
    SqlStatement select(db, sql.c_str());
    select.Bind(1, tracking);
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (!*row) return NotFoundCase(tracking);
    out = ReadCase(select);
    SqlStatement evidence(db,
                          "SELECT sha256, media_type, size, label FROM case_evidence "
                          "WHERE case_id = ?1 ORDER BY rowid");
    evidence.Bind(1, out.id);
    while (true) {
      Result<bool> more = evidence.Next();
      if (!more.ok()) return more.status();
      if (!*more) break;
      out.evidence.push_back(
          {evidence.Text(0), evidence.Text(1), evidence.Int(2), evidence.Text(3)});
    }
    SqlStatement events(
        db,
        "SELECT id, time, actor, kind, text, visible, state, ledger_seq FROM case_events "
        "WHERE case_id = ?1 ORDER BY id");
    events.Bind(1, out.id);
    while (true) {
      Result<bool> more = events.Next();
      if (!more.ok()) return more.status();
      if (!*more) break;
      out.events.push_back({events.Int(0), events.Text(1), events.Text(2), events.Text(3),
                            events.Text(4), events.Int(5) != 0, events.Text(6), events.Int(7)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<Case> CaseStore::GetCaseByToken(const std::string& token) const {
  const Status unknown = Status::NotFound("no case has this status link");
  // A token has the shape of a SHA-256: 64 lowercase hex digits.
  if (!IsSha256Hex(token)) return unknown;
  std::string key = StatusTokenKey(token);
  std::string tracking;
  Status status = db_->Read([&]() -> Status {
    // Looked up by the token's key: the index compares hashes, never the secret itself. Links
    // made before schema version 2 are keyed by the plain hash.
    SqlStatement select(db_->handle(), "SELECT tracking FROM cases WHERE token_key IN (?1, ?2)");
    select.Bind(1, key).Bind(2, key.substr(16));  // the key ends with the token's SHA-256
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (*row) tracking = select.Text(0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (tracking.empty()) return unknown;
  return GetCase(tracking);
}

Result<CaseEvent> CaseStore::Record(const std::string& tracking, const std::string& kind,
                                    const std::string& actor, const std::string& text, bool visible,
                                    std::time_t now, const std::string& new_state,
                                    const std::optional<std::string>& new_owner,
                                    const std::function<Status()>& also) const {
  if (actor.empty()) return Status::InvalidInput("an event needs an actor");
  CaseEvent event;
  sqlite3* db = db_->handle();
  Status status = db_->Transaction([&]() -> Status {
    std::string state;
    Result<int64_t> case_id = CaseId(db, tracking, &state);
    if (!case_id.ok()) return case_id.status();
    if (!new_state.empty()) {
      if (new_state == state) {
        return Status::InvalidInput(tracking + " is already " + state);
      }
      if (IsFinalCaseState(state) && new_state != "in-review") {
        return Status::InvalidInput(tracking + " is " + state +
                                    "; reopen it (in-review) before moving it to " + new_state);
      }
      SqlStatement update(db, "UPDATE cases SET state = ?1 WHERE id = ?2");
      update.Bind(1, new_state).Bind(2, *case_id);
      if (Status s = update.Run(db_->path().string() + ": cases"); !s.ok()) return s;
      state = new_state;
    }
    if (new_owner) {
      SqlStatement update(db, "UPDATE cases SET owner = ?1 WHERE id = ?2");
      update.Bind(1, *new_owner).Bind(2, *case_id);
      if (Status s = update.Run(db_->path().string() + ": cases"); !s.ok()) return s;
    }
    event = {0, UtcTimestamp(now), actor, kind, text, visible, state, 0};
    SqlStatement insert(db,
                        "INSERT INTO case_events(case_id, time, actor, kind, text, visible, "
                        "state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.Bind(1, *case_id)
        .Bind(2, event.time)
        .Bind(3, actor)
        .Bind(4, kind)
        .Bind(5, text)
        .Bind(6, static_cast<int64_t>(visible ? 1 : 0))
        .Bind(7, state);
    if (Status s = insert.Run(db_->path().string() + ": case_events"); !s.ok()) return s;
    event.id = sqlite3_last_insert_rowid(db);
    return also ? also() : Status::Ok();
  });
  if (!status.ok()) return status;
  if (Status written = WriteLedger(event.id); !written.ok()) return written;
  Result<Case> stored = GetCase(tracking);
  if (!stored.ok()) return stored.status();
  for (const CaseEvent& e : stored->events) {
    if (e.id == event.id) return e;
  }
  return event;
}

Result<CaseEvent> CaseStore::AddEvent(const std::string& tracking, const std::string& kind,
                                      const std::string& actor, const std::string& text,
                                      bool visible_to_filer, std::time_t now) const {
  if (kind == kEventReceived) {
    return Status::InvalidInput("a case is received once, when it is filed");
  }
  if (kind.empty() || kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) {
    return Status::InvalidInput("event kind '" + kind + "': expected lower-case letters and '-'");
  }
  return Record(tracking, kind, actor, text, visible_to_filer, now, "", std::nullopt);
}

Result<CaseEvent> CaseStore::Reply(const std::string& tracking, const std::string& actor,
                                   const std::string& text, std::time_t now,
                                   const std::function<Status()>& also) const {
  if (Trim(text).empty()) return Status::InvalidInput("a reply needs text");
  Result<CaseEvent> event =
      Record(tracking, kEventReply, actor, text, true, now, "", std::nullopt, also);
  if (!event.ok()) return event;
  Result<Case> stored = GetCase(tracking);
  if (!stored.ok()) return stored.status();
  if (stored->kind == CaseKind::kRequest && stored->request_number > 0) {
    Status recorded = ledger_->With([&](store::Ledger& ledger) -> Status {
      Result<std::vector<docs::Request>> requests = docs::Requests(ledger);
      if (!requests.ok()) return requests.status();
      if (stored->request_number > static_cast<int>(requests->size()) ||
          (*requests)[static_cast<size_t>(stored->request_number - 1)].answered) {
        return Status::Ok();
      }
      Result<docs::Request> answered =
          docs::AnswerRequest(ledger, stored->request_number, CivilDate::OfUnixTime(now),
                              "replied through the portal, " + tracking, actor);
      return answered.ok() ? Status::Ok() : answered.status();
    });
    if (!recorded.ok()) return recorded;
  }
  return event;
}

Result<CaseEvent> CaseStore::SetState(const std::string& tracking, const std::string& state,
                                      const std::string& actor, const std::string& reason,
                                      std::time_t now) const {
  if (!IsCaseState(state) || state == "received") {
    return Status::InvalidInput("state '" + state +
                                "': expected in-review, accepted, duplicate, unfounded or closed");
  }
  if ((state == "duplicate" || state == "unfounded") && Trim(reason).empty()) {
    return Status::InvalidInput("setting a case aside as " + state + " needs a reason");
  }
  return Record(tracking, kEventState, actor, reason, true, now, state, std::nullopt);
}

Result<CaseEvent> CaseStore::Assign(const std::string& tracking, const std::string& owner,
                                    const std::string& actor, std::time_t now) const {
  return Record(tracking, kEventAssign, actor, owner, false, now, "", owner);
}

Result<std::vector<std::string>> CaseStore::FindIdenticalComplaints(
    const std::string& tracking) const {
  std::vector<std::string> out;
  Status status = db_->Read([&]() -> Status {
    sqlite3* db = db_->handle();
    Result<int64_t> id = CaseId(db, tracking, nullptr);
    if (!id.ok()) return id.status();
    SqlStatement same(db,
                      "SELECT other.tracking FROM cases self JOIN cases other ON "
                      "other.identity_key = self.identity_key AND other.identity_key <> '' AND "
                      "other.id <> self.id "
                      "WHERE self.id = ?1 AND self.kind = 'complaint' AND "
                      "other.kind = 'complaint' AND self.identity_key <> '' ORDER BY other.id");
    same.Bind(1, *id);
    while (true) {
      Result<bool> row = same.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      out.push_back(same.Text(0));
    }
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace gpaikit::portal

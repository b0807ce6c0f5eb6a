// Filing new cases with group commit: the filings of concurrent requests are stored in one
// transaction of portal.sqlite and entered in the ledger in one transaction, and each caller
// returns once both are durable (docs/portal.md "Filing"; Code of Practice, Copyright, 1.5).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/store/ledger.h"
#include "portal/case_ledger.h"
#include "portal/case_store.h"
#include "portal/csrf.h"
#include "portal/mail_message.h"
#include "portal/site_state.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {

namespace {

using nlohmann::json;

// A filing with what its own thread makes before it queues, so that the batch's writer does
// not: the status token (shown once) with its stored key, the case's salt, the details as JSON.
struct PreparedFiling {
  const NewCase* filing = nullptr;
  std::time_t now = 0;
  std::string status_token;
  std::string token_key;
  std::string salt;
  std::string details;
};

// Whether every text of `filing` is UTF-8: its ledger entry and details are JSON, which holds
// nothing else. The intake forms check this; a caller of CaseStore::File may not have.
bool AllUtf8(const NewCase& filing) {
  std::vector<const std::string*> texts = {&filing.name,  &filing.organisation,
                                           &filing.email, &filing.due_date,
                                           &filing.model, &filing.request_subject};
  for (const auto& [name, value] : filing.details) texts.insert(texts.end(), {&name, &value});
  for (const Evidence& file : filing.evidence) {
    texts.insert(texts.end(), {&file.sha256, &file.media_type, &file.label});
  }
  return std::all_of(texts.begin(), texts.end(),
                     [](const std::string* text) { return IsUtf8(*text); });
}

PreparedFiling Prepare(const NewCase& filing, std::time_t now) {
  PreparedFiling prepared{&filing, now, NewStatusToken(), "", HexOf(RandomBytes(16)), ""};
  prepared.token_key = StatusTokenKey(prepared.status_token);
  json details = json::array();
  for (const auto& [name, value] : filing.details) details.push_back({name, value});
  prepared.details = details.dump();
  return prepared;
}

}  // namespace

// A filing waiting for its batch, and its outcome once the batch is written. The writer wakes
// only the batch's first filing, which wakes the others (`to_wake`): waking each costs a system
// call, which would otherwise delay the next batch.
struct CaseStore::Waiting {
  PreparedFiling prepared;
  std::optional<Result<Filed>> outcome;
  std::vector<std::shared_ptr<Waiting>> to_wake;
  std::condition_variable wake;
};

// The filings waiting for the writer thread, whether the writer sleeps (waiting for `work`) and
// whether it should stop. Shared by every copy of a CaseStore; the last one's going joins the
// writer, which files what is still waiting and caches what it entered before it ends.
struct CaseStore::FilingQueue {
  std::mutex mutex;
  std::condition_variable work;
  std::vector<std::shared_ptr<Waiting>> waiting;
  bool writer_sleeps = false;
  bool stopping = false;
  std::thread writer;

  ~FilingQueue() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    work.notify_one();
    if (writer.joinable()) writer.join();
  }
};

namespace {

// At most this many filings in one batch (one transaction each side); the rest wait for the
// next.
constexpr size_t kMaxBatch = 64;

// While batches follow one another, the ledger head file is rewritten at most this often; at a
// pause the writer rewrites it before answering the last batch (docs/portal.md "Group commit").
// Each rewrite is a file created and renamed over the old one, whose journal and write-back
// competed with the two commits of every batch.
constexpr std::chrono::milliseconds kHeadInterval{100};

// The tracking number's six digits, zero-padded.
std::string Padded(int64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return digits;
}

// An event stored by a filing, with what its ledger entry needs.
struct StoredEvent {
  int64_t id = 0;
  PendingEvent event;
};

// Inserts one case with its evidence and events inside the caller's transaction; fills
// `filed` (but its status token, set before) and `events`.
Status InsertCase(const PortalDb& portal, const PreparedFiling& prepared, Filed& filed,
                  std::vector<StoredEvent>& events) {
  const NewCase& filing = *prepared.filing;
  std::time_t now = prepared.now;
  sqlite3* db = portal.handle();
  const std::string& file = portal.path().string();
  int year = CivilDate::OfUnixTime(now).year();
  const char* kind = CaseKindName(filing.kind);
  SqlStatement next(portal.statements(),
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM cases WHERE kind = ?1 AND year = ?2");
  next.Bind(1, std::string(kind)).Bind(2, static_cast<int64_t>(year));
  Result<bool> row = next.Next();
  if (!row.ok()) return row.status();
  int64_t number = next.Int(0);
  filed.tracking = std::string(filing.kind == CaseKind::kRequest ? "R-" : "C-")
                       .append(std::to_string(year))
                       .append("-")
                       .append(Padded(number));
  PendingEvent received;
  received.tracking = filed.tracking;
  received.case_kind = kind;
  received.salt = prepared.salt;
  received.time = UtcTimestamp(now);
  received.actor = "portal";
  received.kind = kEventReceived;
  received.state = "received";
  received.name = filing.name;
  received.organisation = filing.organisation;
  received.email = filing.email;
  received.details = prepared.details;
  received.received_at = received.time;
  for (const Evidence& evidence : filing.evidence) received.evidence.push_back(evidence.sha256);
  SqlStatement insert(
      portal.statements(),
      "INSERT INTO cases(tracking, kind, year, number, state, received_at, due_date, name, "
      "organisation, email, details, identity_key, token_key, salt, model, "
      "request_subject, answer_days) VALUES "
      "(?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  insert.Bind(1, filed.tracking)
      .Bind(2, std::string(kind))
      .Bind(3, static_cast<int64_t>(year))
      .Bind(4, number)
      .Bind(5, received.received_at)
      .Bind(6, filing.due_date)
      .Bind(7, filing.name)
      .Bind(8, filing.organisation)
      .Bind(9, filing.email)
      .Bind(10, received.details)
      .Bind(11, filing.identity_key)
      .Bind(12, prepared.token_key)
      .Bind(13, received.salt)
      .Bind(14, filing.model)
      .Bind(15, filing.request_subject)
      .Bind(16, static_cast<int64_t>(filing.answer_days));
  if (Status s = insert.Run(file + ": cases"); !s.ok()) return s;
  received.case_id = sqlite3_last_insert_rowid(db);
  for (const Evidence& evidence : filing.evidence) {
    SqlStatement stored(portal.statements(),
                        "INSERT INTO case_evidence(case_id, sha256, media_type, size, label) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    stored.Bind(1, received.case_id)
        .Bind(2, evidence.sha256)
        .Bind(3, evidence.media_type)
        .Bind(4, evidence.size)
        .Bind(5, evidence.label);
    if (Status s = stored.Run(file + ": case_evidence"); !s.ok()) return s;
  }
  auto add_event = [&](const PendingEvent& event, bool visible) -> Status {
    SqlStatement insert_event(portal.statements(),
                              "INSERT INTO case_events(case_id, time, actor, kind, text, visible, "
                              "state) VALUES (?1, ?2, 'portal', ?3, ?4, ?5, 'received')");
    insert_event.Bind(1, event.case_id)
        .Bind(2, event.time)
        .Bind(3, event.kind)
        .Bind(4, event.text)
        .Bind(5, static_cast<int64_t>(visible ? 1 : 0));
    Status s = insert_event.Run(file + ": case_events");
    if (s.ok()) events.push_back({sqlite3_last_insert_rowid(db), event});
    return s;
  };
  if (Status s = add_event(received, true); !s.ok()) return s;
  if (filing.kind != CaseKind::kComplaint || filing.identity_key.empty()) return Status::Ok();
  // "identity_key <> ''" lets SQLite use the partial index cases_identity (it cannot know that
  // ?1 is not empty); without it every filing read every earlier complaint.
  SqlStatement same(portal.statements(),
                    "SELECT tracking FROM cases WHERE kind = 'complaint' AND identity_key <> '' "
                    "AND identity_key = ?1 AND id <> ?2 ORDER BY id");
  same.Bind(1, filing.identity_key).Bind(2, received.case_id);
  while (true) {
    Result<bool> found = same.Next();
    if (!found.ok()) return found.status();
    if (!*found) break;
    filed.identical.push_back(same.Text(0));
  }
  if (filed.identical.empty()) return Status::Ok();
  PendingEvent candidate = received;
  candidate.kind = kEventDuplicateCandidate;
  candidate.text = "identical to an earlier complaint of the same rightsholder:";
  for (const std::string& earlier : filed.identical) candidate.text.append(" ").append(earlier);
  return add_event(candidate, false);
}

}  // namespace

CaseStore::CaseStore(const PortalDb& db, std::filesystem::path root)
    : db_(&db),
      root_(std::move(root)),
      ledger_(std::make_shared<SharedLedger>(root_)),
      queue_(std::make_shared<FilingQueue>()) {}

Result<Filed> CaseStore::File(const NewCase& filing, std::time_t now) const {
  if (filing.kind == CaseKind::kRequest &&
      (filing.model.empty() || filing.request_subject.empty() || filing.answer_days <= 0)) {
    return Status::InvalidInput("a request needs a model, a subject and the answer period");
  }
  if (!AllUtf8(filing)) return Status::InvalidInput("a filing's fields must be UTF-8 text");
  // Group commit: the filing queues for the store's writer thread, which writes every filing
  // waiting as one batch and wakes the batch's filings once both commits are done (docs/portal.md
  // "Group commit"). What needs no lock (the random token and salt, the details' JSON) is made
  // here, before queueing, not by the writer.
  auto own = std::make_shared<Waiting>();
  own->prepared = Prepare(filing, now);
  FilingQueue& queue = *queue_;
  std::unique_lock<std::mutex> lock(queue.mutex);
  if (!queue.writer.joinable()) {
    // Started by the first filing: a store that only reads (the desk, the CLI) has no thread.
    CaseStore writer = *this;
    writer.queue_.reset();  // the writer's copy must not keep its own queue alive
    try {
      queue.writer = std::thread([writer, &queue] { writer.WriteBatches(queue); });
    } catch (const std::system_error& error) {
      return Status::Internal(std::string("cannot start the filing writer: ") + error.what());
    }
  }
  queue.waiting.push_back(own);
  bool wake_writer = queue.writer_sleeps;
  queue.writer_sleeps = false;
  if (wake_writer) {
    lock.unlock();
    queue.work.notify_one();
    lock.lock();
  }
  own->wake.wait(lock, [&] { return own->outcome.has_value(); });
  std::vector<std::shared_ptr<Waiting>> to_wake;
  to_wake.swap(own->to_wake);
  lock.unlock();
  for (const std::shared_ptr<Waiting>& other : to_wake) other->wake.notify_one();
  return std::move(*own->outcome);
}

void CaseStore::WriteBatches(FilingQueue& queue) const {
  // The entries of the batches written so far that ledger_seq does not show yet: the next
  // batch's transaction caches them, or this thread does before it sleeps.
  std::vector<EnteredEvent> uncached;
  auto head_written = std::chrono::steady_clock::time_point();
  bool head_due = false;  // the head file does not name the newest batch's entries yet
  auto write_head = [&] {
    if (head_due) WriteLedgerHead();
    head_due = false;
    head_written = std::chrono::steady_clock::now();
  };
  // Caches `uncached` without an fsync of its own (ledger_seq is a cache of the ledger: after a
  // power cut ReconcileLedger finds the entries by tracking number and event id again) and
  // writes the head file: what a pause in the filings leaves done.
  auto settle = [&] {
    if (!uncached.empty()) {
      Status cached = db_->CacheTransaction([&] { return CacheEntered(uncached); });
      if (cached.ok()) {
        uncached.clear();
      } else {
        std::cerr << "gpaikit serve: ledger_seq: " << cached.message() << "\n";
      }
    }
    write_head();
  };
  std::unique_lock<std::mutex> lock(queue.mutex);
  while (true) {
    if (queue.waiting.empty()) {
      if (queue.stopping) break;
      queue.writer_sleeps = true;
      queue.work.wait(lock, [&] { return !queue.writer_sleeps || queue.stopping; });
      continue;
    }
    size_t taken = std::min(queue.waiting.size(), kMaxBatch);
    std::vector<std::shared_ptr<Waiting>> batch(queue.waiting.begin(),
                                                queue.waiting.begin() + taken);
    queue.waiting.erase(queue.waiting.begin(), queue.waiting.begin() + taken);
    lock.unlock();
    // A waiting filing's `prepared` never changes; its outcome is set under the lock. Whatever
    // goes wrong fails the batch's filings, not the server.
    std::vector<Result<Filed>> outcomes;
    try {
      outcomes = FileBatch(batch, uncached);
    } catch (const std::exception& error) {
      std::cerr << "gpaikit serve: filing: " << error.what() << "\n";
      outcomes.assign(batch.size(),
                      Status::Internal(std::string("filing failed: ") + error.what()));
    }
    head_due = true;
    lock.lock();
    // With no filing waiting, the batch's filers are answered once the pause's work is done, so
    // that a lone filing leaves nothing behind when it returns (nor does the last of a burst).
    if (queue.waiting.empty()) {
      lock.unlock();
      settle();
      lock.lock();
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->outcome = std::move(outcomes[i]);
    batch.front()->to_wake.assign(batch.begin() + 1, batch.end());
    lock.unlock();
    batch.front()->wake.notify_one();
    // While batches follow one another, the head file is rewritten every kHeadInterval.
    if (std::chrono::steady_clock::now() - head_written >= kHeadInterval) write_head();
    lock.lock();
  }
  lock.unlock();
  settle();
}

void CaseStore::WriteLedgerHead() const {
  // The entries are committed: a head file left behind (this write failing) is rewritten by the
  // next append and accepted by `ledger verify` meanwhile (docs/ledger.md).
  Status written = ledger_->With([](store::Ledger& ledger) { return ledger.WriteHead(); });
  if (!written.ok()) std::cerr << "gpaikit serve: ledger head: " << written.message() << "\n";
}

Status CaseStore::CacheEntered(const std::vector<EnteredEvent>& entered) const {
  for (const EnteredEvent& event : entered) {
    SqlStatement update(db_->statements(), "UPDATE case_events SET ledger_seq = ?1 WHERE id = ?2");
    update.Bind(1, event.seq).Bind(2, event.event_id);
    if (Status s = update.Run(db_->path().string() + ": case_events"); !s.ok()) return s;
  }
  return Status::Ok();
}

std::vector<Result<Filed>> CaseStore::FileBatch(const std::vector<std::shared_ptr<Waiting>>& batch,
                                                std::vector<EnteredEvent>& uncached) const {
  auto fail_all = [&](const Status& status) {
    return std::vector<Result<Filed>>(batch.size(), Result<Filed>(status));
  };
  std::vector<Filed> filed(batch.size());
  std::vector<std::vector<StoredEvent>> events(batch.size());
  Status stored = db_->Transaction([&]() -> Status {
    if (Status s = CacheEntered(uncached); !s.ok()) return s;
    for (size_t i = 0; i < batch.size(); ++i) {
      filed[i].status_token = batch[i]->prepared.status_token;
      Status s = InsertCase(*db_, batch[i]->prepared, filed[i], events[i]);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  });
  if (!stored.ok()) return fail_all(stored);
  uncached.clear();
  // Complaints' entries in one ledger transaction. A request also enters the downstream-request
  // register, numbered inside its own transaction (WriteLedger), as `gpaikit request add` does.
  std::vector<store::Addition> additions;
  std::vector<int64_t> event_ids;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i]->prepared.filing->kind != CaseKind::kComplaint) continue;
    for (const StoredEvent& stored_event : events[i]) {
      std::string content = CaseEntryContent(stored_event.event, stored_event.id);
      additions.push_back({"portal.case." + stored_event.event.kind, stored_event.event.actor,
                           [subject = stored_event.event.tracking, content](const store::Ledger&) {
                             return Result<store::Draft>(store::Draft{subject, content});
                           },
                           stored_event.event.time});
      event_ids.push_back(stored_event.id);
    }
  }
  std::vector<store::Entry> entries;
  Status entered = ledger_->With([&](store::Ledger& ledger) -> Status {
    Result<std::vector<store::Entry>> appended =
        ledger.AppendAll(additions, store::Ledger::HeadWrite::kLater);
    if (!appended.ok()) return appended.status();
    entries = std::move(*appended);
    return Status::Ok();
  });
  if (!entered.ok()) return fail_all(entered);
  for (size_t i = 0; i < entries.size(); ++i) uncached.push_back({event_ids[i], entries[i].seq});
  std::vector<Result<Filed>> outcomes;
  outcomes.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    Status written = Status::Ok();
    if (batch[i]->prepared.filing->kind != CaseKind::kComplaint) {
      for (const StoredEvent& stored_event : events[i]) {
        if (written.ok()) written = WriteLedger(stored_event.id);
      }
    }
    outcomes.push_back(written.ok() ? Result<Filed>(std::move(filed[i])) : Result<Filed>(written));
  }
  return outcomes;
}

}  // namespace gpaikit::portal

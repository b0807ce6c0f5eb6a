// The durable outgoing mail queue and its delivery thread (docs/portal-mail.md).
#include "portal/mail_queue.h"

#include <sqlite3.h>

#include <iostream>

#include "portal/site_state.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
const std::vector<std::string>& MailQueueMigrations() {
  static const std::vector<std::string> kMigrations = {
      R"sql(CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  reference TEXT NOT NULL,
  message_id TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_reference ON mail_outbox(reference);)sql",
  };
  return kMigrations;
}

Result<int64_t> MailQueue::Enqueue(const MailMessage& mail, const std::string& reference,
                                   std::time_t now) {
  std::string message_id = NewMessageId(mail.from);
  Result<std::string> message = ComposeMail(mail, now, message_id);
  if (!message.ok()) return message.status();
  SqlStatement insert(db_,
                      "INSERT INTO mail_outbox (recipient, subject, reference, message_id, message,"
                      " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, mail.to);
  insert.Bind(2, mail.subject);
  insert.Bind(3, reference);
  insert.Bind(4, message_id);
  insert.Bind(5, *message);
  insert.Bind(6, Rfc3339(now));
  insert.Bind(7, static_cast<int64_t>(now));
  if (Status status = insert.Run("mail queue: insert"); !status.ok()) return status;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<DeliveryRound> MailQueue::DeliverDue(const MailSendFunction& send, std::time_t now) {
  struct Due {
    int64_t id;
    std::string recipient;
    std::string message;
    int64_t attempts;
    int64_t next_attempt_at;
  };
  std::vector<Due> due;
  {
    SqlStatement select(db_,
                        "SELECT id, recipient, message, attempts, next_attempt_at FROM mail_outbox"
                        " WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    select.Bind(1, static_cast<int64_t>(now));
    select.Bind(2, static_cast<int64_t>(kMailBatch));
    int rc;
    while ((rc = select.Step()) == SQLITE_ROW) {
      due.push_back({select.Int(0), select.Text(1), select.Text(2), select.Int(3), select.Int(4)});
    }
    if (rc != SQLITE_DONE) return select.Error("mail queue: select due");
  }
  DeliveryRound round;
  for (const Due& mail : due) {
    // Claim it, so that another worker on the same database does not send it too.
    SqlStatement claim(db_,
                       "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND state = "
                       "'queued' AND next_attempt_at = ?");
    claim.Bind(1, static_cast<int64_t>(now) + kMailClaimSeconds);
    claim.Bind(2, mail.id);
    claim.Bind(3, mail.next_attempt_at);
    if (Status status = claim.Run("mail queue: claim"); !status.ok()) return status;
    if (sqlite3_changes(db_) != 1) continue;
    Status sent = send(mail.recipient, mail.message);
    int64_t attempts = mail.attempts + 1;
    if (sent.ok()) {
      SqlStatement done(db_,
                        "UPDATE mail_outbox SET state = 'sent', attempts = ?, sent_at = ?,"
                        " last_error = '' WHERE id = ?");
      done.Bind(1, attempts);
      done.Bind(2, Rfc3339(now));
      done.Bind(3, mail.id);
      if (Status status = done.Run("mail queue: mark sent"); !status.ok()) return status;
      ++round.sent;
      continue;
    }
    bool last = attempts > static_cast<int64_t>(kMailRetryDelaysSeconds.size());
    SqlStatement retry(db_,
                       "UPDATE mail_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
                       " last_error = ? WHERE id = ?");
    retry.Bind(1, std::string(last ? "failed" : "queued"));
    retry.Bind(2, attempts);
    retry.Bind(3, last ? static_cast<int64_t>(now)
                       : static_cast<int64_t>(now) +
                             kMailRetryDelaysSeconds[static_cast<size_t>(attempts - 1)]);
    retry.Bind(4, sent.message());
    retry.Bind(5, mail.id);
    if (Status status = retry.Run("mail queue: schedule retry"); !status.ok()) return status;
    ++(last ? round.given_up : round.retried);
  }
  return round;
}

Result<std::vector<QueuedMail>> MailQueue::List(const std::string& reference, int limit) const {
  SqlStatement select(db_,
                      "SELECT id, recipient, subject, reference, message_id, state, attempts,"
                      " last_error, created_at, sent_at FROM mail_outbox"
                      " WHERE (?1 = '' OR reference = ?1) ORDER BY id DESC LIMIT ?2");
  select.Bind(1, reference);
  select.Bind(2, static_cast<int64_t>(limit));
  std::vector<QueuedMail> mails;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    mails.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4),
                     select.Text(5), select.Int(6), select.Text(7), select.Text(8),
                     select.Text(9)});
  }
  if (rc != SQLITE_DONE) return select.Error("mail queue: list");
  return mails;
}

MailWorker::MailWorker(std::filesystem::path db_path, SmtpSettings settings)
    : db_path_(std::move(db_path)), settings_(std::move(settings)) {}

MailWorker::~MailWorker() {
  Stop();
  if (db_ != nullptr) sqlite3_close(db_);
}

Status MailWorker::Start() {
  if (sqlite3_open_v2(db_path_.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    return Status::Io(db_path_.string() + ": cannot open for the mail queue: " + reason);
  }
  sqlite3_busy_timeout(db_, 5000);
  if (Status status = ExecuteSql(db_, "PRAGMA synchronous=FULL", db_path_.string()); !status.ok()) {
    return status;
  }
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void MailWorker::Notify() {
  std::lock_guard<std::mutex> lock(mutex_);
  notified_ = true;
  wake_.notify_one();
}

void MailWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void MailWorker::Run() {
  MailQueue queue(db_);
  MailSendFunction send = [this](const std::string& recipient, const std::string& message) {
    return SendMail(settings_, recipient, message);
  };
  while (true) {
    Result<DeliveryRound> round = queue.DeliverDue(send, std::time(nullptr));
    if (!round.ok()) std::cerr << "gpaikit serve: " << round.status().message() << "\n";
    bool more = round.ok() && round->sent + round->retried + round->given_up == kMailBatch;
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (more) continue;
    wake_.wait_for(lock, std::chrono::seconds(kMailPollSeconds),
                   [this] { return notified_ || stopping_; });
    if (stopping_) return;
    notified_ = false;
  }
}

}  // namespace gpaikit::portal

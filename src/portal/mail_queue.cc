// The durable outgoing mail queue and its delivery thread (docs/portal-mail.md).
#include "portal/mail_queue.h"

#include <iostream>

#include "gpaikit/base/civil_date.h"
#include "portal/portal_db.h"
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
  SqlStatement insert(db_.handle(),
                      "INSERT INTO mail_outbox (recipient, subject, reference, message_id, message,"
                      " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, mail.to);
  insert.Bind(2, mail.subject);
  insert.Bind(3, reference);
  insert.Bind(4, message_id);
  insert.Bind(5, *message);
  insert.Bind(6, UtcTimestamp(now));
  insert.Bind(7, static_cast<int64_t>(now));
  Result<bool> row = insert.Next();
  if (!row.ok()) return row.status();
  int64_t id = insert.Int(0);
  if (Result<bool> end = insert.Next(); !end.ok()) return end.status();
  return id;
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
  Status selected = db_.Read([&]() -> Status {
    SqlStatement select(db_.handle(),
                        "SELECT id, recipient, message, attempts, next_attempt_at FROM mail_outbox"
                        " WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    select.Bind(1, static_cast<int64_t>(now));
    select.Bind(2, static_cast<int64_t>(kMailBatch));
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      due.push_back({select.Int(0), select.Text(1), select.Text(2), select.Int(3), select.Int(4)});
    }
  });
  if (!selected.ok()) return selected;
  DeliveryRound round;
  for (const Due& mail : due) {
    // Claim it, so that another worker on the same database does not send it too.
    bool claimed = false;
    Status claim_status = db_.Transaction([&]() -> Status {
      SqlStatement claim(db_.handle(),
                         "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND state ="
                         " 'queued' AND next_attempt_at = ? RETURNING id");
      claim.Bind(1, static_cast<int64_t>(now) + kMailClaimSeconds);
      claim.Bind(2, mail.id);
      claim.Bind(3, mail.next_attempt_at);
      Result<bool> row = claim.Next();
      if (!row.ok()) return row.status();
      claimed = *row;
      Result<bool> end = claim.Next();
      return end.ok() ? Status::Ok() : end.status();
    });
    if (!claim_status.ok()) return claim_status;
    if (!claimed) continue;
    // Sent outside the database lock: an SMTP exchange may take seconds.
    Status sent = send(mail.recipient, mail.message);
    int64_t attempts = mail.attempts + 1;
    bool last = !sent.ok() && attempts > static_cast<int64_t>(kMailRetryDelaysSeconds.size());
    Status recorded = db_.Transaction([&]() -> Status {
      if (sent.ok()) {
        SqlStatement done(db_.handle(),
                          "UPDATE mail_outbox SET state = 'sent', attempts = ?, sent_at = ?,"
                          " last_error = '' WHERE id = ?");
        done.Bind(1, attempts);
        done.Bind(2, UtcTimestamp(now));
        done.Bind(3, mail.id);
        return done.Run("mail queue");
      }
      SqlStatement retry(db_.handle(),
                         "UPDATE mail_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
                         " last_error = ? WHERE id = ?");
      retry.Bind(1, std::string(last ? "failed" : "queued"));
      retry.Bind(2, attempts);
      retry.Bind(3, last ? static_cast<int64_t>(now)
                         : static_cast<int64_t>(now) +
                               kMailRetryDelaysSeconds[static_cast<size_t>(attempts - 1)]);
      retry.Bind(4, sent.message());
      retry.Bind(5, mail.id);
      return retry.Run("mail queue");
    });
    if (!recorded.ok()) return recorded;
    ++(sent.ok() ? round.sent : last ? round.given_up : round.retried);
  }
  return round;
}

Result<std::vector<QueuedMail>> MailQueue::List(const std::string& reference, int limit) const {
  std::vector<QueuedMail> mails;
  Status status = db_.Read([&]() -> Status {
    SqlStatement select(db_.handle(),
                        "SELECT id, recipient, subject, reference, message_id, state, attempts,"
                        " last_error, created_at, sent_at FROM mail_outbox"
                        " WHERE (?1 = '' OR reference = ?1) ORDER BY id DESC LIMIT ?2");
    select.Bind(1, reference);
    select.Bind(2, static_cast<int64_t>(limit));
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      mails.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3),
                       select.Text(4), select.Text(5), select.Int(6), select.Text(7),
                       select.Text(8), select.Text(9)});
    }
  });
  if (!status.ok()) return status;
  return mails;
}

MailWorker::MailWorker(std::filesystem::path db_path, SmtpSettings settings)
    : db_path_(std::move(db_path)), settings_(std::move(settings)) {}

MailWorker::~MailWorker() { Stop(); }

Status MailWorker::Start() {
  Result<std::unique_ptr<PortalDb>> db = PortalDb::OpenFile(db_path_);
  if (!db.ok()) return db.status();
  db_ = std::move(*db);
  worker_.Start([this] { return Round(); }, std::chrono::seconds(kMailPollSeconds));
  return Status::Ok();
}

void MailWorker::Notify() { worker_.Notify(); }

void MailWorker::Stop() { worker_.Stop(); }

bool MailWorker::Round() {
  MailSendFunction send = [this](const std::string& recipient, const std::string& message) {
    return SendMail(settings_, recipient, message);
  };
  Result<DeliveryRound> round = MailQueue(*db_).DeliverDue(send, std::time(nullptr));
  if (!round.ok()) std::cerr << "gpaikit serve: " << round.status().message() << "\n";
  return round.ok() && round->sent + round->retried + round->given_up == kMailBatch;
}

}  // namespace gpaikit::portal

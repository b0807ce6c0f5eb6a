// The portal's durable outgoing mail queue (table mail_outbox in the portal's SQLite database):
// a request only inserts a composed message; a worker thread sends what is due over SMTP and
// retries with backoff, so that no request ever waits for a mail server (docs/portal-mail.md).
#ifndef GPAIKIT_PORTAL_MAIL_QUEUE_H_
#define GPAIKIT_PORTAL_MAIL_QUEUE_H_

#include <array>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "portal/mail_message.h"
#include "portal/mail_sender.h"
#include "portal/worker_thread.h"

namespace gpaikit::portal {

class PortalDb;

// Seconds to wait before the 2nd, 3rd, ... attempt; after the last one fails the message is given
// up (state "failed", shown to staff). Covers a mail server down for about a day and a half.
inline constexpr std::array<int64_t, 7> kMailRetryDelaysSeconds = {60,    300,   1800, 7200,
                                                                   21600, 43200, 86400};
// A message taken for sending is not taken again for this long (a crash mid-send: it is sent
// again afterwards, with the same Message-ID, so a recipient's client can tell).
inline constexpr int64_t kMailClaimSeconds = 300;
// Messages sent per round of the worker, and how long it sleeps when nothing is due.
inline constexpr int kMailBatch = 20;
inline constexpr int kMailPollSeconds = 5;

// The schema of the queue, in order (for the portal database's migrations, component "mail").
const std::vector<std::string>& MailQueueMigrations();

struct QueuedMail {
  int64_t id = 0;
  std::string recipient;
  std::string subject;
  std::string reference;  // what the mail is about, e.g. a tracking number
  std::string message_id;
  std::string state;  // "queued", "sent", "failed"
  int64_t attempts = 0;
  std::string last_error;
  std::string created_at;  // RFC 3339 UTC
  std::string sent_at;     // "" until sent
};

// What one round of delivery did.
struct DeliveryRound {
  int sent = 0;
  int retried = 0;   // failed this time, another attempt scheduled
  int given_up = 0;  // failed for the last time
};

using MailSendFunction =
    std::function<Status(const std::string& recipient, const std::string& message)>;

class MailQueue {
 public:
  // Uses `db` (not owned), whose schema has MailQueueMigrations() applied as component "mail".
  explicit MailQueue(const PortalDb& db) : db_(db) {}

  // Composes `mail` (ComposeMail: header injection and bad addresses refused, InvalidInput) and
  // stores it to be sent. Call it inside the caller's db.Transaction, which then covers the
  // insert together with the change the mail is about. Returns its id.
  Result<int64_t> Enqueue(const MailMessage& mail, const std::string& reference, std::time_t now);

  // Sends every message due at `now` (at most kMailBatch) with `send`; marks each sent, or
  // schedules its next attempt per kMailRetryDelaysSeconds, or gives it up after the last.
  Result<DeliveryRound> DeliverDue(const MailSendFunction& send, std::time_t now);

  // Messages, newest first (at most `limit`), optionally only those about `reference`.
  Result<std::vector<QueuedMail>> List(const std::string& reference = "", int limit = 100) const;

 private:
  const PortalDb& db_;
};

// The thread that delivers the queue of the database at `db_path` over SMTP (its own
// connection, PortalDb::OpenFile): a round at start, then whenever Notify() is called or
// kMailPollSeconds pass.
class MailWorker {
 public:
  MailWorker(std::filesystem::path db_path, SmtpSettings settings);
  ~MailWorker();  // Stop()
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  // Opens the database and starts the thread; Io naming the file when it cannot be opened.
  Status Start();
  // Wakes the thread for a round now (after an Enqueue committed).
  void Notify();
  // Finishes the message being sent, then stops the thread.
  void Stop();

 private:
  // Sends what is due; true when a whole batch went (more may be due at once).
  bool Round();

  std::filesystem::path db_path_;
  SmtpSettings settings_;
  std::unique_ptr<PortalDb> db_;
  WorkerThread worker_;  // last: stopped before the database is closed
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_MAIL_QUEUE_H_

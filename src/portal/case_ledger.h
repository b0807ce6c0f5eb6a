// Internal to the case store: the server's one long-lived ledger object, shared under a lock by
// every writer of case entries, and the content of a case event's ledger entry (a salted digest
// instead of personal data; docs/portal.md "Case store").
#ifndef GPAIKIT_PORTAL_CASE_LEDGER_H_
#define GPAIKIT_PORTAL_CASE_LEDGER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::portal {

// One ledger object for the process, opened at its first use: its appends verify the whole
// chain once and then incrementally (docs/ledger.md "Incremental verification").
class SharedLedger {
 public:
  explicit SharedLedger(std::filesystem::path project_root) : root_(std::move(project_root)) {}
  // Runs `body` with the ledger while holding the lock; the error of opening it otherwise.
  Status With(const std::function<Status(store::Ledger&)>& body);

 private:
  std::mutex mutex_;
  std::filesystem::path root_;
  std::unique_ptr<store::Ledger> ledger_;
};

// A case event as its ledger entry needs it.
struct PendingEvent {
  int64_t case_id = 0;
  std::string tracking;
  std::string case_kind;
  std::string salt;
  std::string time;
  std::string actor;
  std::string kind;
  std::string text;
  std::string state;
  int64_t ledger_seq = 0;
  // The filing (received events): what the digest covers.
  std::string name, organisation, email, details, received_at;
  std::string model, request_subject;
  int64_t answer_days = 0;
  int64_t request_number = 0;
  std::vector<std::string> evidence;
};

// The entry's content: {"case", "case_kind", "event", "state", "digest"}, the digest the SHA-256
// of the case's salt and the event's data (the filing's fields and evidence hashes, or the actor
// and text).
std::string CaseEntryContent(const PendingEvent& event, int64_t event_id);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CASE_LEDGER_H_

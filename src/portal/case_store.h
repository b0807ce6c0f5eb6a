// The portal's cases: rightsholders' complaints (Code of Practice, Copyright, Measure 1.5) and
// downstream providers' requests (Transparency, Measure 1.2) in .gpaikit/portal.sqlite, with
// their events, replies, owner and state; every event is also a ledger entry that carries no
// personal data in clear (docs/portal.md "Case store").
#ifndef GPAIKIT_PORTAL_CASE_STORE_H_
#define GPAIKIT_PORTAL_CASE_STORE_H_

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"
#include "gpaikit/store/ledger.h"
#include "portal/portal_db.h"

namespace gpaikit::portal {

class SharedLedger;  // portal/case_ledger.h

enum class CaseKind { kComplaint, kRequest };
// "complaint" or "request".
const char* CaseKindName(CaseKind kind);

// The states of a case. A case starts "received"; staff move it to "in-review" (triaged),
// "accepted" (a complaint found substantiated, actions taken), "duplicate" (set aside: the same
// rightsholder already filed an identical complaint, Measure 1.5), "unfounded" (set aside as
// manifestly unfounded, Measure 1.5) or "closed". The last three end the case; "in-review"
// reopens one. "duplicate" and "unfounded" require a reason.
inline constexpr const char* kCaseStates[] = {"received",  "in-review", "accepted",
                                              "duplicate", "unfounded", "closed"};
bool IsCaseState(std::string_view state);
bool IsFinalCaseState(std::string_view state);

// Event kinds (case_events.kind; the ledger entry's kind is "portal.case." + kind).
inline constexpr const char* kEventReceived = "received";  // the filing itself
inline constexpr const char* kEventReply = "reply";        // text sent to the filer (public)
inline constexpr const char* kEventState = "state";        // text: the reason, if any
inline constexpr const char* kEventAssign = "assign";      // text: the new owner
inline constexpr const char* kEventNote = "note";          // staff's internal note
inline constexpr const char* kEventDuplicateCandidate = "duplicate-candidate";  // proposed by
                                                                                // the server

// A file of evidence, stored by the uploads code under .gpaikit/portal-uploads/ by its hash.
struct Evidence {
  std::string sha256;
  std::string media_type;  // as detected from the content, e.g. "application/pdf"
  int64_t size = 0;
  std::string label;  // the client's file name, shown to staff only, never used as a path
};

struct CaseEvent {
  int64_t id = 0;
  std::string time;   // RFC 3339 UTC
  std::string actor;  // a staff account's name, or "portal" for the filer and the server
  std::string kind;   // kEvent...
  std::string text;
  bool visible_to_filer = false;  // shown on the status page (replies, state changes)
  std::string state;              // the case's state after this event
  int64_t ledger_seq = 0;         // 0 while its ledger entry is not yet written
};

struct Case {
  int64_t id = 0;
  std::string tracking;  // C-2026-000123 or R-2026-000007
  CaseKind kind = CaseKind::kComplaint;
  std::string state;
  std::string received_at;  // RFC 3339 UTC
  std::string due_date;     // YYYY-MM-DD, "" when no deadline applies (complaints)
  std::string owner;        // "" until assigned
  std::string name;
  std::string organisation;
  std::string email;
  Fields details;                  // the form's other fields, in the form's order
  int request_number = 0;          // the downstream-request register's number (requests), else 0
  std::vector<Evidence> evidence;  // filled by GetCase, empty in lists
  std::vector<CaseEvent> events;   // filled by GetCase, empty in lists, oldest first

  CivilDate ReceivedDate() const;
  // Whole days from the day of receipt to `today` (0 on the day itself).
  int DaysOpen(const CivilDate& today) const;
  bool Overdue(const CivilDate& today) const;
  bool Open() const { return !IsFinalCaseState(state); }
};

// What an intake form files.
struct NewCase {
  CaseKind kind = CaseKind::kComplaint;
  std::string name;
  std::string organisation;
  std::string email;
  Fields details;
  std::vector<Evidence> evidence;
  std::string due_date;      // "" for none
  std::string identity_key;  // ComplaintIdentityKey for complaints, else ""
  // For requests: the downstream-request register entry (`gpaikit request list`) is added with
  // this model and subject; answer_days is the Code's clock (data/code-of-practice/).
  std::string model;
  std::string request_subject;
  int answer_days = 0;
};

// What filing returns: the tracking number, and the status token, shown once and stored only as
// its SHA-256.
struct Filed {
  std::string tracking;
  std::string status_token;            // 64 hex digits; the status page is /status/TOKEN
  std::vector<std::string> identical;  // earlier identical complaints (duplicate candidates)
};

struct CaseFilter {
  std::optional<CaseKind> kind;
  std::string state;       // "" for any
  bool open_only = false;  // leave out duplicate, unfounded and closed
};

// The key under which identical complaints of the same rightsholder meet: SHA-256 of the e-mail
// address (trimmed, lower case), the works (one per line, trimmed, empty lines dropped,
// de-duplicated, sorted) and the allegation (lower case, runs of white space as one space).
std::string ComplaintIdentityKey(std::string_view email, std::string_view works,
                                 std::string_view allegation);

// A new status link's secret: 8 bytes of the time it is made (microseconds since the epoch,
// big-endian) then 24 random bytes, 64 hex digits. The time comes first so that keys of new
// links land at the end of the index instead of on a random page of it: a batch of filings
// writes one index page instead of one per filing (docs/portal.md "Case store").
std::string NewStatusToken();
// What `cases.token_key` holds for `token`: its first 16 hex digits (the time, not secret) and
// the SHA-256 of the whole token; the token itself is never stored.
std::string StatusTokenKey(const std::string& token);

class CaseStore {
 public:
  // The schema (migration component "cases").
  static const std::vector<std::string>& Migrations();

  // Uses `db` (not owned; Migrations() are applied by Open) and the ledger of `project_root`,
  // opened (and created) at the first entry it appends and kept (one object for every copy of
  // this store, its appends serialised; docs/ledger.md "Incremental verification").
  static Result<CaseStore> Open(const PortalDb& db, std::filesystem::path project_root);

  // Stores a new case durably (one transaction, synchronous=FULL), then writes its ledger entry
  // ("portal.case.received"; for a request also "request.open" in the downstream-request
  // register). Returns only when both are written, so a tracking number shown to the filer is
  // never lost. Earlier identical complaints get a "duplicate-candidate" event. Filings of
  // concurrent callers are committed together (group commit): one transaction of portal.sqlite
  // and one of the ledger for all of them; a failure fails each (docs/portal.md "Filing").
  // InvalidInput, with nothing stored, for a filing whose text is not all UTF-8.
  Result<Filed> File(const NewCase& filing, std::time_t now) const;

  Result<std::vector<Case>> ListCases(const CaseFilter& filter = {}) const;
  // The case with its evidence and events; NotFound for an unknown tracking number.
  Result<Case> GetCase(const std::string& tracking) const;
  // The case whose status token is `token` (looked up by the token's SHA-256); NotFound for a
  // malformed or unknown token, with the same message.
  Result<Case> GetCaseByToken(const std::string& token) const;

  // Adds an event (any kind but kEventReceived) and its ledger entry.
  Result<CaseEvent> AddEvent(const std::string& tracking, const std::string& kind,
                             const std::string& actor, const std::string& text,
                             bool visible_to_filer, std::time_t now) const;
  // A reply sent to the filer (shown on the status page). For a request, the first reply also
  // records the answer in the downstream-request register (`gpaikit request answer`). `also`
  // runs inside the transaction that stores the reply (the desk queues the reply's e-mail there:
  // both are kept or neither); its failure stores nothing.
  Result<CaseEvent> Reply(const std::string& tracking, const std::string& actor,
                          const std::string& text, std::time_t now,
                          const std::function<Status()>& also = {}) const;
  // Moves the case to `state` (IsCaseState); InvalidInput for an unknown state, a missing reason
  // where one is required, or a final case moved anywhere but "in-review".
  Result<CaseEvent> SetState(const std::string& tracking, const std::string& state,
                             const std::string& actor, const std::string& reason,
                             std::time_t now) const;
  // Makes `owner` the case's owner ("" to unassign).
  Result<CaseEvent> Assign(const std::string& tracking, const std::string& owner,
                           const std::string& actor, std::time_t now) const;
  // Tracking numbers of the other complaints with the same identity key as `tracking`, oldest
  // first (the desk proposes them when marking a duplicate).
  Result<std::vector<std::string>> FindIdenticalComplaints(const std::string& tracking) const;

  // Writes the ledger entries of events committed before a crash stopped their ledger write
  // (run at start). Returns how many were written.
  Result<int> ReconcileLedger() const;
  // Appends an entry that is not a case event (the desk's blocklist change, a corpus filter
  // job's end) through the same long-lived ledger object as the case events (incremental
  // verification, docs/ledger.md), instead of opening and fully verifying the ledger again.
  Result<store::Entry> AppendToLedger(const std::string& kind, const std::string& subject,
                                      const std::string& author, const std::string& content,
                                      const std::string& time) const;

 private:
  struct FilingQueue;
  struct Waiting;
  // An event's ledger entry, entered but not yet cached in case_events.ledger_seq.
  struct EnteredEvent {
    int64_t event_id = 0;
    int64_t seq = 0;
  };
  CaseStore(const PortalDb& db, std::filesystem::path root);
  // The writer thread of `queue` (started by the first File): writes the waiting filings in
  // batches until the queue is stopping and empty.
  void WriteBatches(FilingQueue& queue) const;
  // Files `batch` (group commit): each one's outcome, in order. Its portal.sqlite transaction
  // also caches `uncached` (entries of earlier batches) in ledger_seq; on return `uncached`
  // holds the entries still to cache (this batch's, and the earlier ones if it failed).
  std::vector<Result<Filed>> FileBatch(const std::vector<std::shared_ptr<Waiting>>& batch,
                                       std::vector<EnteredEvent>& uncached) const;
  // Writes `entered` into case_events.ledger_seq, inside the caller's transaction.
  Status CacheEntered(const std::vector<EnteredEvent>& entered) const;
  // Writes the ledger head file that FileBatch left to after its answers (a failure is logged).
  void WriteLedgerHead() const;
  Result<CaseEvent> Record(const std::string& tracking, const std::string& kind,
                           const std::string& actor, const std::string& text, bool visible,
                           std::time_t now, const std::string& new_state,
                           const std::optional<std::string>& new_owner,
                           const std::function<Status()>& also = {}) const;
  Status WriteLedger(int64_t event_id) const;

  const PortalDb* db_;
  std::filesystem::path root_;
  std::shared_ptr<SharedLedger> ledger_;
  std::shared_ptr<FilingQueue> queue_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CASE_STORE_H_

// The ledger (.gpaikit/ledger.sqlite): the project's one append-only, hash-chained log of
// entries that later modules fold into published versions, incidents and requests
// (DESIGN.md "The user's project folder"; Code of Practice, Transparency, Measure 1.3 integrity).
#ifndef GPAIKIT_STORE_LEDGER_H_
#define GPAIKIT_STORE_LEDGER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/store/head.h"

struct sqlite3;

namespace gpaikit::store {

// One record. `hash` is SHA-256 (hex) over every other field, `previous_hash` included, so that
// an edit, deletion, insertion or reordering breaks the chain.
struct Entry {
  int64_t seq = 0;      // 1, 2, 3, ... without gaps
  std::string kind;     // what the entry is, e.g. "mdf.version", "incident.open"
  std::string subject;  // what it is about, e.g. a model id or "incident/3"
  std::string author;
  std::string time;           // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string content;        // JSON text (producers pass canonical JSON: sorted keys, no spaces)
  std::string previous_hash;  // "" (64 zeros in the hash input) for the first entry
  std::string hash;
};

// The outcome of Verify: the first entry that does not check out, and why.
struct Verification {
  int64_t entries_checked = 0;
  std::optional<int64_t> first_bad_seq;
  std::string problem;
  // Entries newer than the head file records: an append interrupted after its COMMIT. Not a
  // failure; the next append rewrites the head file.
  int64_t head_behind = 0;
  // The public key whose valid signature the head file carries; "" when it is unsigned.
  std::string signed_by;
  bool ok() const { return !first_bad_seq.has_value() && problem.empty(); }
};

// What an append adds besides its kind and author, decided inside the write transaction.
struct Draft {
  std::string subject;
  std::string content;
};

class Ledger;

// One entry of an AppendAll: its kind and author, `build` run inside the write transaction (it
// sees the entries appended before it in the same call), and its time ("" for UtcNow()).
struct Addition {
  std::string kind;
  std::string author;
  std::function<Result<Draft>(const Ledger&)> build;
  std::string time;
};

// The hash an entry must carry (the chain rule, documented in docs/ledger.md).
std::string EntryHash(const Entry& entry);
// Now in UTC as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();

class Ledger {
 public:
  // The ledger's database in a project: <project_root>/.gpaikit/ledger.sqlite, or the
  // .gpaikit/records.sqlite that earlier versions created when only that one exists.
  static std::filesystem::path PathIn(const std::filesystem::path& project_root);
  // Opens (creating if needed) the ledger of `project_root` in WAL mode; heads will be signed
  // with the key at DefaultKeyPath() when there is one (InvalidInput when it is malformed or
  // lies inside the project folder).
  static Result<std::unique_ptr<Ledger>> Open(const std::filesystem::path& project_root);
  // Opens the ledger when the project has one; a null pointer when it has none (never creates).
  static Result<std::unique_ptr<Ledger>> OpenIfPresent(const std::filesystem::path& project_root);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Appends one entry in a write transaction and updates the head file (.gpaikit/ledger-head),
  // signed when a key was set. Refuses (InvalidInput, nothing written) when the ledger does not
  // verify, so that an append never hides tampering: the first append of this object verifies
  // the whole chain, later ones check that the newest entry this object verified still carries
  // the hash it had, verify the entries added since (by other processes) and the head file
  // (docs/ledger.md "Incremental verification"). `build` runs inside the transaction and
  // sees the ledger as it is then: numbers it derives (version 4, request 7) cannot be taken by
  // a concurrent writer. `time` defaults to UtcNow().
  Result<Entry> Append(const std::string& kind, const std::string& author,
                       const std::function<Result<Draft>(const Ledger&)>& build,
                       const std::string& time = "");
  Result<Entry> Append(const std::string& kind, const std::string& subject,
                       const std::string& author, const std::string& content,
                       const std::string& time = "");
  // When AppendAll writes the head file: before it returns (kNow), or at the next WriteHead()
  // (kLater), so that a writer can answer the callers whose entries are committed before it
  // rewrites the file (a new ledger's first head file is written at once all the same). Until
  // then the head file lags behind the database, which Verify accepts:
  // it guards against entries removed from the end, and misses the removal of entries that no
  // head file recorded yet (docs/ledger.md "Interruptions and locks").
  enum class HeadWrite { kNow, kLater };
  // Appends every addition, in order, in one write transaction (all or none) verified as Append
  // is, and writes the head file once: a batch costs one commit. An empty list writes nothing.
  Result<std::vector<Entry>> AppendAll(const std::vector<Addition>& additions,
                                       HeadWrite head_write = HeadWrite::kNow);
  // Writes the head file for the newest entry this object appended, when an AppendAll with
  // HeadWrite::kLater left it unwritten (signed when a key was set); does nothing otherwise.
  Status WriteHead();
  // Heads written from now on are signed with `key` (kept outside the project folder).
  void SetSigningKey(HeadKey key) { key_ = std::move(key); }
  // The head file as it is: NotFound when there is none, InvalidInput when it is malformed.
  Result<Head> ReadHead() const;
  // The head that matches the database's newest entry, signed when a key was set; NotFound for
  // an empty ledger. What `gpaikit ledger head` publishes.
  Result<Head> CurrentHead() const;
  // Entries in sequence order; empty filters match everything; `kind_prefix` matches the start
  // of the kind ("incident." gives every incident entry).
  Result<std::vector<Entry>> Entries(const std::string& kind_prefix = "",
                                     const std::string& subject = "") const;
  Result<Entry> Get(int64_t seq) const;
  // Recomputes the whole chain; also compares its end with the head file (strictly parsed, its
  // signature checked when it has one), so that deleting the newest entries is caught too.
  // `expected_head`, a hash someone saw published earlier, must be an entry of the chain: a
  // rollback to before it, or a rewritten chain, fails then.
  Result<Verification> Verify(const std::string& expected_head = "") const;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Ledger(sqlite3* db, std::filesystem::path path, std::filesystem::path head_path)
      : db_(db), path_(std::move(path)), head_path_(std::move(head_path)) {}
  Status Execute(const char* sql) const;
  // Inside the write transaction: whether the ledger may be appended to (the whole chain at the
  // first call, then what changed since the watermark); InvalidInput naming the problem.
  Status CheckBeforeAppend();
  // The entries after the watermark and the head file; `result` as Verify fills it.
  Result<Verification> VerifySinceWatermark() const;
  // Compares the head file with the chain's end (`last`, 0 when empty); `hash_at(seq)` gives
  // the hash the chain holds at seq <= last. Sets result.problem, head_behind and signed_by.
  void CheckHead(int64_t last, const std::function<Result<std::string>(int64_t)>& hash_at,
                 Verification& result) const;

  sqlite3* db_;
  std::filesystem::path path_;
  std::filesystem::path head_path_;
  std::optional<HeadKey> key_;
  // The newest entry this object has verified and the hash it had then (seq 0: the ledger was
  // empty); unset until the first append verifies the whole chain.
  struct Watermark {
    int64_t seq = 0;
    std::string hash;
  };
  std::optional<Watermark> verified_;
  // The head of this object's newest append while an AppendAll with HeadWrite::kLater has left
  // it out of the head file.
  std::optional<Head> unwritten_head_;
};

}  // namespace gpaikit::store

#endif  // GPAIKIT_STORE_LEDGER_H_

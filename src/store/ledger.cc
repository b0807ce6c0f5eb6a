// The ledger's SQLite database: schema, append in a transaction, ordered reads, chain verification.
#include "gpaikit/store/ledger.h"

#include <sqlite3.h>

#include <algorithm>

#include "gpaikit/base/files.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;

// Entries can be added, never changed or removed through SQL: the triggers refuse it.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS entries (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  author TEXT NOT NULL,
  time TEXT NOT NULL,
  content TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_kind ON entries(kind, subject);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
)sql";

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  void Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string Column(sqlite3_stmt* stmt, int index) {
  const unsigned char* text = sqlite3_column_text(stmt, index);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(stmt, index)))
              : std::string();
}

Entry ReadEntry(sqlite3_stmt* stmt) {
  Entry entry;
  entry.seq = sqlite3_column_int64(stmt, 0);
  entry.kind = Column(stmt, 1);
  entry.subject = Column(stmt, 2);
  entry.author = Column(stmt, 3);
  entry.time = Column(stmt, 4);
  entry.content = Column(stmt, 5);
  entry.previous_hash = Column(stmt, 6);
  entry.hash = Column(stmt, 7);
  return entry;
}

constexpr const char* kSelect =
    "SELECT seq, kind, subject, author, time, content, previous_hash, hash FROM entries";

}  // namespace

fs::path Ledger::PathIn(const fs::path& project_root) {
  fs::path folder = project_root / ".gpaikit";
  fs::path path = folder / "ledger.sqlite";
  fs::path legacy = folder / "records.sqlite";
  std::error_code error;
  if (!fs::exists(path, error) && fs::exists(legacy, error)) return legacy;
  return path;
}

Result<std::unique_ptr<Ledger>> Ledger::OpenIfPresent(const fs::path& project_root) {
  std::error_code error;
  if (!fs::exists(PathIn(project_root), error)) return std::unique_ptr<Ledger>();
  return Open(project_root);
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const fs::path& project_root) {
  fs::path folder = project_root / ".gpaikit";
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return Status::Io(folder.string() + ": " + error.message());
  fs::path path = PathIn(project_root);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string message = path.string() + ": cannot open: " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return Status::Io(message);
  }
  std::unique_ptr<Ledger> ledger(new Ledger(db, path, folder / "ledger-head"));
  // Heads are signed whenever the user keeps a key (docs/ledger.md "Signed heads").
  Result<std::optional<HeadKey>> key = LoadDefaultKey(project_root);
  if (!key.ok()) return key.status();
  ledger->key_ = std::move(*key);
  sqlite3_busy_timeout(db, 5000);
  Status status = ledger->Execute("PRAGMA journal_mode=WAL;");
  if (status.ok()) status = ledger->Execute(kSchema);
  if (!status.ok()) return status;
  return ledger;
}

Ledger::~Ledger() { sqlite3_close(db_); }

Status Ledger::Execute(const char* sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = path_.string() + ": " + (message ? message : "SQLite error");
    sqlite3_free(message);
    return Status::Io(text);
  }
  return Status::Ok();
}

Result<Entry> Ledger::Append(const std::string& kind, const std::string& subject,
                             const std::string& author, const std::string& content,
                             const std::string& time) {
  return Append(
      kind, author,
      [&](const Ledger&) -> Result<Draft> {
        return Draft{subject, content};
      },
      time);
}

Result<Entry> Ledger::Append(const std::string& kind, const std::string& author,
                             const std::function<Result<Draft>(const Ledger&)>& build,
                             const std::string& time) {
  // IMMEDIATE takes the write lock now: every read below sees what the insert will follow.
  Status status = Execute("BEGIN IMMEDIATE;");
  if (!status.ok()) return status;
  Result<Entry> entry = AppendInTransaction(kind, author, build, time);
  if (!entry.ok()) {
    (void)Execute("ROLLBACK;");
    return entry.status();
  }
  status = Execute("COMMIT;");
  if (!status.ok()) {
    (void)Execute("ROLLBACK;");
    return status;
  }
  // After COMMIT: an interruption here leaves the head file behind the database, which Verify
  // accepts (it only guards against entries removed from the end).
  Head head{entry->seq, entry->hash, "", ""};
  if (key_) head = key_->Sign(head);
  status = WriteFile(head_path_, head.ToText());
  if (!status.ok()) return status;
  return entry;
}

Result<Entry> Ledger::AppendInTransaction(const std::string& kind, const std::string& author,
                                          const std::function<Result<Draft>(const Ledger&)>& build,
                                          const std::string& time) {
  // Appending to a tampered ledger would make the next verification pass (issue 14).
  Result<Verification> verified = Verify();
  if (!verified.ok()) return verified.status();
  if (!verified->ok()) {
    return Status::InvalidInput(path_.string() + " does not verify: " + verified->problem +
                                "\nnothing was written; see 'gpaikit ledger verify' and "
                                "docs/ledger.md");
  }
  Result<Draft> draft = build(*this);
  if (!draft.ok()) return draft.status();
  Entry entry;
  {
    Statement last(db_, "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1");
    if (sqlite3_step(last.get()) == SQLITE_ROW) {
      entry.seq = sqlite3_column_int64(last.get(), 0) + 1;
      entry.previous_hash = Column(last.get(), 1);
    } else {
      entry.seq = 1;
    }
  }
  entry.kind = kind;
  entry.subject = draft->subject;
  entry.author = author;
  entry.time = time.empty() ? UtcNow() : time;
  entry.content = draft->content;
  entry.hash = EntryHash(entry);
  Statement insert(db_, "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, entry.seq);
  insert.Bind(2, entry.kind);
  insert.Bind(3, entry.subject);
  insert.Bind(4, entry.author);
  insert.Bind(5, entry.time);
  insert.Bind(6, entry.content);
  insert.Bind(7, entry.previous_hash);
  insert.Bind(8, entry.hash);
  if (sqlite3_step(insert.get()) != SQLITE_DONE) {
    return Status::Io(path_.string() + ": append failed: " + sqlite3_errmsg(db_));
  }
  return entry;
}

Result<std::vector<Entry>> Ledger::Entries(const std::string& kind_prefix,
                                           const std::string& subject) const {
  std::string sql = std::string(kSelect) +
                    " WHERE substr(kind, 1, length(?1)) = ?1 AND (?2 = '' OR subject = ?2)"
                    " ORDER BY seq";
  Statement select(db_, sql.c_str());
  select.Bind(1, kind_prefix);
  select.Bind(2, subject);
  std::vector<Entry> entries;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW)
    entries.push_back(ReadEntry(select.get()));
  if (rc != SQLITE_DONE) return Status::Io(path_.string() + ": " + sqlite3_errmsg(db_));
  return entries;
}

Result<Entry> Ledger::Get(int64_t seq) const {
  Statement select(db_, (std::string(kSelect) + " WHERE seq = ?").c_str());
  select.Bind(1, seq);
  if (sqlite3_step(select.get()) != SQLITE_ROW) {
    return Status::NotFound(path_.string() + ": no entry " + std::to_string(seq));
  }
  return ReadEntry(select.get());
}

Result<Head> Ledger::ReadHead() const {
  std::error_code error;
  if (!fs::exists(head_path_, error)) {
    return Status::NotFound(head_path_.string() + ": no head file");
  }
  Result<std::string> text = ReadFile(head_path_);
  if (!text.ok()) return text.status();
  return ParseHead(*text, head_path_.string());
}

Result<Head> Ledger::CurrentHead() const {
  Statement last(db_, "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1");
  if (sqlite3_step(last.get()) != SQLITE_ROW) {
    return Status::NotFound(path_.string() + ": the ledger has no entries yet");
  }
  Head head{sqlite3_column_int64(last.get(), 0), Column(last.get(), 1), "", ""};
  return key_ ? key_->Sign(head) : head;
}

Result<Verification> Ledger::Verify(const std::string& expected_head) const {
  Statement select(db_, (std::string(kSelect) + " ORDER BY rowid").c_str());
  Verification result;
  std::vector<std::string> hashes;  // hashes[seq - 1]
  std::string previous;
  int64_t expected_seq = 1;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    Entry entry = ReadEntry(select.get());
    ++result.entries_checked;
    std::string problem;
    if (entry.seq != expected_seq) {
      problem = "sequence number " + std::to_string(entry.seq) + " where " +
                std::to_string(expected_seq) + " was expected (an entry was removed or inserted)";
    } else if (entry.previous_hash != previous) {
      problem = "previous-hash does not match the entry before it (removed, inserted or reordered)";
    } else if (EntryHash(entry) != entry.hash) {
      problem = "content does not match its hash (the entry was edited)";
    }
    if (!problem.empty()) {
      result.first_bad_seq = entry.seq;
      result.problem = "entry " + std::to_string(entry.seq) + ": " + problem;
      return result;
    }
    previous = entry.hash;
    hashes.push_back(entry.hash);
    ++expected_seq;
  }
  if (rc != SQLITE_DONE) return Status::Io(path_.string() + ": " + sqlite3_errmsg(db_));
  int64_t last = static_cast<int64_t>(hashes.size());
  if (!expected_head.empty() &&
      std::find(hashes.begin(), hashes.end(), expected_head) == hashes.end()) {
    result.problem = "the published head " + expected_head +
                     " is not an entry of this ledger (rolled back to before it, or the chain "
                     "was rewritten)";
    return result;
  }
  Result<Head> head = ReadHead();
  if (head.ok()) {
    if (head->seq > last || hashes[head->seq - 1] != head->hash) {
      result.problem = head_path_.string() + " records entry " + std::to_string(head->seq) + " " +
                       head->hash + " but the database ends at entry " + std::to_string(last) +
                       " (newest entries removed, or the database replaced)";
    } else if (head->is_signed() && !head->SignatureValid()) {
      result.problem = head_path_.string() + ": the signature does not match the head (edited)";
    } else {
      result.head_behind = last - head->seq;
      result.signed_by = head->public_key;
    }
  } else if (head.status().code() != StatusCode::kNotFound) {
    result.problem = head.status().message();
  } else if (!hashes.empty()) {
    // The head file guards the newest entries: without it, removing them would go unnoticed.
    result.problem = head_path_.string() +
                     " is missing (removed, perhaps with the newest entries; or the very first "
                     "append was interrupted before writing it)";
  }
  return result;
}

}  // namespace gpaikit::store

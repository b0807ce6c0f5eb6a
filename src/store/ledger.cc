// The ledger's SQLite database: schema, append in a transaction, ordered reads, chain verification.
#include "gpaikit/store/ledger.h"

#include <sqlite3.h>

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
  Status status = Execute("BEGIN IMMEDIATE;");
  if (!status.ok()) return status;
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
  entry.subject = subject;
  entry.author = author;
  entry.time = time.empty() ? UtcNow() : time;
  entry.content = content;
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
    std::string message = path_.string() + ": append failed: " + sqlite3_errmsg(db_);
    (void)Execute("ROLLBACK;");
    return Status::Io(message);
  }
  status = Execute("COMMIT;");
  if (!status.ok()) {
    (void)Execute("ROLLBACK;");
    return status;
  }
  // After COMMIT: an interruption here leaves the head file behind the database, which Verify
  // accepts (it only guards against entries removed from the end).
  status = WriteFile(head_path_, std::to_string(entry.seq) + " " + entry.hash + "\n");
  if (!status.ok()) return status;
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

Result<Verification> Ledger::Verify() const {
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
  Result<std::string> head = ReadFile(head_path_);
  if (head.ok()) {
    std::string line = head->substr(0, head->find('\n'));
    size_t space = line.find(' ');
    int64_t head_seq = 0;
    bool parsed = space != std::string::npos && space > 0;
    for (size_t i = 0; parsed && i < space; ++i) {
      parsed = line[i] >= '0' && line[i] <= '9';
      head_seq = head_seq * 10 + (line[i] - '0');
    }
    int64_t last = static_cast<int64_t>(hashes.size());
    if (!parsed || head_seq > last ||
        (head_seq > 0 && hashes[head_seq - 1] != line.substr(space + 1))) {
      result.problem = head_path_.string() + " records '" + line +
                       "' but the database ends at entry " + std::to_string(last) +
                       " (newest entries removed, or the database replaced)";
    } else {
      result.head_behind = last - head_seq;
    }
  } else if (!hashes.empty()) {
    // The head file guards the newest entries: without it, removing them would go unnoticed.
    result.problem = head_path_.string() +
                     " is missing (removed, perhaps with the newest entries; or the very first "
                     "append was interrupted before writing it, which the next append repairs)";
  }
  return result;
}

}  // namespace gpaikit::store

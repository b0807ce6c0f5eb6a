// The ledger's SQLite database: schema, append in a transaction, ordered reads, chain verification.
#include "gpaikit/store/ledger.h"

#include <sqlite3.h>

#include "gpaikit/base/files.h"
#include "gpaikit/store/wal_write_vfs.h"
#include "store/ledger_rows.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;
using internal::Column;
using internal::kSelect;
using internal::ReadEntry;
using internal::Statement;

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

// Builds the entry that follows `previous` (seq 0: none) and inserts it with `insert`, inside
// the caller's write transaction.
Result<Entry> InsertEntry(const Ledger& ledger, const Addition& addition, const Entry& previous,
                          Statement& insert) {
  Result<Draft> draft = addition.build(ledger);
  if (!draft.ok()) return draft.status();
  Entry entry;
  entry.seq = previous.seq + 1;
  entry.previous_hash = previous.hash;
  entry.kind = addition.kind;
  entry.subject = draft->subject;
  entry.author = addition.author;
  entry.time = addition.time.empty() ? UtcNow() : addition.time;
  entry.content = draft->content;
  entry.hash = EntryHash(entry);
  insert.Reset();
  insert.Bind(1, entry.seq);
  insert.Bind(2, entry.kind);
  insert.Bind(3, entry.subject);
  insert.Bind(4, entry.author);
  insert.Bind(5, entry.time);
  insert.Bind(6, entry.content);
  insert.Bind(7, entry.previous_hash);
  insert.Bind(8, entry.hash);
  if (sqlite3_step(insert.get()) != SQLITE_DONE) {
    return Status::Io(ledger.path().string() +
                      ": append failed: " + sqlite3_errmsg(ledger.handle()));
  }
  return entry;
}

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
  // Its commits write their WAL frames at once (wal_write_vfs.h).
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      WalWriteVfsName()) != SQLITE_OK) {
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
  Result<std::vector<Entry>> appended = AppendAll({Addition{kind, author, build, time}});
  if (!appended.ok()) return appended.status();
  return appended->front();
}

Result<std::vector<Entry>> Ledger::AppendAll(const std::vector<Addition>& additions,
                                             HeadWrite head_write) {
  std::vector<Entry> entries;
  if (additions.empty()) return entries;
  // IMMEDIATE takes the write lock now: every read below sees what the inserts will follow.
  Status status = Execute("BEGIN IMMEDIATE;");
  if (!status.ok()) return status;
  // The subject index (lookups of one subject's entries) is added by the first append of an
  // object, not at Open: opening a ledger only to read it never writes to its file.
  if (!verified_) {
    status = Execute("CREATE INDEX IF NOT EXISTS entries_subject ON entries(subject);");
  }
  if (status.ok()) status = CheckBeforeAppend();
  // The chain's end, read once: inside the write transaction only these inserts extend it.
  Entry newest;  // seq 0 and no hash while the ledger is empty
  if (status.ok()) {
    Statement last(db_, "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1");
    if (sqlite3_step(last.get()) == SQLITE_ROW) {
      newest.seq = sqlite3_column_int64(last.get(), 0);
      newest.hash = Column(last.get(), 1);
    }
  }
  Statement insert(db_, "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; status.ok() && i < additions.size(); ++i) {
    Result<Entry> entry = InsertEntry(*this, additions[i], newest, insert);
    if (entry.ok()) {
      newest = *entry;
      entries.push_back(std::move(*entry));
    } else {
      status = entry.status();
    }
  }
  if (status.ok()) status = Execute("COMMIT;");
  if (!status.ok()) {
    (void)Execute("ROLLBACK;");
    return status;
  }
  verified_ = Watermark{entries.back().seq, entries.back().hash};
  // After COMMIT: an interruption before the head file is written leaves it behind the
  // database, which Verify accepts (it only guards against entries removed from the end).
  unwritten_head_ = Head{entries.back().seq, entries.back().hash, "", ""};
  // A new ledger's first head file is written at once, whatever `head_write` asks: until one
  // exists, the next append's check takes its absence for entries removed from the end.
  if (head_write == HeadWrite::kNow || entries.front().seq == 1) {
    status = WriteHead();
    if (!status.ok()) return status;
  }
  return entries;
}

Status Ledger::WriteHead() {
  if (!unwritten_head_) return Status::Ok();
  Head head = key_ ? key_->Sign(*unwritten_head_) : *unwritten_head_;
  Status status = WriteFile(head_path_, head.ToText());
  // A failed write stays due: the next WriteHead or append tries again.
  if (status.ok()) unwritten_head_.reset();
  return status;
}

Result<std::vector<Entry>> Ledger::Entries(const std::string& kind_prefix,
                                           const std::string& subject) const {
  // With a subject, the entries_subject index (created by the first append of a writer) finds
  // its few entries without a scan.
  std::string sql = std::string(kSelect) +
                    (subject.empty() ? " WHERE substr(kind, 1, length(?1)) = ?1 AND ?2 = ''"
                                     : " WHERE subject = ?2 AND substr(kind, 1, length(?1)) = ?1") +
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

}  // namespace gpaikit::store

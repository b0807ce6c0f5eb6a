// The portal database: opening with its durability settings, prepared statements, transactions
// and per-component migrations recorded in schema_migrations.
#include "portal/portal_db.h"

#include <sqlite3.h>

#include "gpaikit/store/ledger.h"
#include "gpaikit/store/wal_write_vfs.h"
#include "portal/sqlite_statement.h"
#include "portal/wal_checkpointer.h"

namespace gpaikit::portal {

namespace fs = std::filesystem;

fs::path PortalDb::PathIn(const fs::path& project_root) {
  return project_root / ".gpaikit" / "portal.sqlite";
}

Result<std::unique_ptr<PortalDb>> PortalDb::Open(const fs::path& project_root) {
  fs::path folder = project_root / ".gpaikit";
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return Status::Io(folder.string() + ": cannot create: " + error.message());
  return OpenFile(PathIn(project_root));
}

Result<std::unique_ptr<PortalDb>> PortalDb::OpenFile(const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      store::WalWriteVfsName()) != SQLITE_OK) {
    std::string message = path.string() + ": cannot open the portal database: " +
                          (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return Status::Io(message);
  }
  std::unique_ptr<PortalDb> portal(new PortalDb(db, path));
  sqlite3_busy_timeout(db, 5000);
  // journal_mode=WAL reads the file: a file that is not SQLite fails here, named.
  Status status = portal->Execute(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
      "  PRIMARY KEY (component, version));");
  if (!status.ok()) return status;
  return portal;
}

PortalDb::PortalDb(sqlite3* db, fs::path path)
    : db_(db), statements_(std::make_unique<StatementCache>(db)), path_(std::move(path)) {}

PortalDb::~PortalDb() {
  checkpointer_.reset();
  statements_.reset();  // sqlite3_close refuses a connection with statements left
  sqlite3_close(db_);
}

Status PortalDb::CheckpointInBackground(int frames) {
  Result<std::unique_ptr<WalCheckpointer>> started = WalCheckpointer::Start(db_, path_, frames);
  if (!started.ok()) return started.status();
  checkpointer_ = std::move(*started);
  return Status::Ok();
}

int PortalDb::BackgroundCheckpoints() const { return checkpointer_ ? checkpointer_->rounds() : 0; }

std::string PortalDb::Error(const std::string& what) const {
  return path_.string() + ": " + what + ": " + sqlite3_errmsg(db_);
}

Status PortalDb::Execute(const std::string& sql) const {
  return ExecuteSql(db_, sql, path_.string());
}

Status PortalDb::Transaction(const std::function<Status()>& body) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return SqlTransaction(*statements_, body);
}

Status PortalDb::CacheTransaction(const std::function<Status()>& body) const {
  std::lock_guard<std::mutex> lock(mutex_);
  // The level is per connection and cannot change inside a transaction: set around it.
  // Not kept prepared: SQLite applies this pragma when it prepares it, not when it runs it.
  if (Status normal = Execute("PRAGMA synchronous=NORMAL"); !normal.ok()) return normal;
  Status status = SqlTransaction(*statements_, body);
  Status full = Execute("PRAGMA synchronous=FULL");
  return status.ok() ? full : status;
}

Status PortalDb::Read(const std::function<Status()>& body) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return body();
}

Result<int64_t> PortalDb::AppliedVersion(const std::string& component) const {
  SqlStatement select(
      db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?1");
  select.Bind(1, component);
  Result<bool> row = select.Next();
  if (!row.ok()) return row.status();
  return *row ? select.Int(0) : 0;
}

Status PortalDb::Migrate(const std::string& component,
                         const std::vector<std::string>& statements) const {
  return Transaction([&]() -> Status {
    Result<int64_t> applied = AppliedVersion(component);
    if (!applied.ok()) return applied.status();
    auto known = static_cast<int64_t>(statements.size());
    if (*applied > known) {
      return Status::InvalidInput(path_.string() + ": the portal component '" + component +
                                  "' is at schema version " + std::to_string(*applied) +
                                  ", newer than this gpaikit knows (" + std::to_string(known) +
                                  "); use a newer gpaikit");
    }
    for (int64_t version = *applied + 1; version <= known; ++version) {
      Status status = Execute(statements[static_cast<size_t>(version - 1)]);
      if (!status.ok()) {
        return Status::Io(status.message() + " (migration " + component + " version " +
                          std::to_string(version) + ")");
      }
      SqlStatement record(db_,
                          "INSERT INTO schema_migrations(component, version, applied_at) "
                          "VALUES (?1, ?2, ?3)");
      record.Bind(1, component).Bind(2, version).Bind(3, store::UtcNow());
      status = record.Run(path_.string() + ": schema_migrations");
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

}  // namespace gpaikit::portal

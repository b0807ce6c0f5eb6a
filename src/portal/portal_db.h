// The portal's own SQLite database (.gpaikit/portal.sqlite beside the ledger): WAL,
// synchronous=FULL, a busy timeout, and migrations that each portal component registers
// (docs/portal.md "Storage").
#ifndef GPAIKIT_PORTAL_PORTAL_DB_H_
#define GPAIKIT_PORTAL_PORTAL_DB_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"

struct sqlite3;

namespace gpaikit::portal {

class StatementCache;
class WalCheckpointer;

class PortalDb {
 public:
  // <project_root>/.gpaikit/portal.sqlite.
  static std::filesystem::path PathIn(const std::filesystem::path& project_root);
  // Opens (creating the folder and file if needed) the portal database of `project_root`.
  static Result<std::unique_ptr<PortalDb>> Open(const std::filesystem::path& project_root);
  // Opens (creating if needed) the database at `path`: journal_mode=WAL, synchronous=FULL (a
  // COMMIT that returned is on disk), foreign keys on, a busy timeout of 5 s; Io naming the file
  // when it cannot be opened or is not a SQLite database.
  static Result<std::unique_ptr<PortalDb>> OpenFile(const std::filesystem::path& path);
  ~PortalDb();
  PortalDb(const PortalDb&) = delete;
  PortalDb& operator=(const PortalDb&) = delete;

  // Applies the migrations of `component` ("csrf", "cases", "staff", ...) that are not yet
  // applied: statement i (0-based) is version i + 1; the pending ones run in one transaction,
  // each with its row in schema_migrations(component, version, applied_at). Lists only grow: a
  // database that has more versions than `statements` (a newer gpaikit wrote it) is refused.
  // The error names the file, the component and the version.
  Status Migrate(const std::string& component, const std::vector<std::string>& statements) const;
  // The highest applied version of `component`, 0 when none.
  Result<int64_t> AppliedVersion(const std::string& component) const;

  // Runs `body` in BEGIN IMMEDIATE ... COMMIT while holding the connection's lock; any failure
  // of `body` or of COMMIT rolls back. When it returns Ok the transaction is durable.
  // Not reentrant: `body` must not call Transaction or Read.
  Status Transaction(const std::function<Status()>& body) const;
  // As Transaction, but committed with synchronous=NORMAL: atomic, and on disk at the next
  // synchronous=FULL commit or checkpoint rather than at its own COMMIT. Only for data that can
  // be rebuilt after a power cut (case_events.ledger_seq, a cache of what the ledger holds).
  Status CacheTransaction(const std::function<Status()>& body) const;
  // Runs `body` holding the connection's lock (reads see only committed data of others).
  Status Read(const std::function<Status()>& body) const;
  // Executes SQL text (one or more statements) without taking the lock.
  Status Execute(const std::string& sql) const;
  // From now on this connection's commits leave the checkpoints (copying the WAL back into the
  // database once it holds `frames` frames, SQLite's default 1000) to a thread with a second
  // connection, instead of running them inside one of its COMMITs (portal/wal_checkpointer.h).
  // For the server's connection; Io naming the file when the second connection cannot open.
  Status CheckpointInBackground(int frames = 1000);
  // Checkpoints that thread has run (0 without one).
  int BackgroundCheckpoints() const;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  // The connection's kept prepared statements, for statements run often (SqlStatement's cache
  // constructor).
  StatementCache& statements() const { return *statements_; }
  // "<file>: <SQLite's message>" for the last error on this connection.
  std::string Error(const std::string& what) const;

 private:
  PortalDb(sqlite3* db, std::filesystem::path path);
  sqlite3* db_;
  std::unique_ptr<StatementCache> statements_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // stopped before the connection closes
  std::filesystem::path path_;
  mutable std::mutex mutex_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_PORTAL_DB_H_

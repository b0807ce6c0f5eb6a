// A prepared SQLite statement that finalises itself (or goes back to its connection's cache),
// with typed binds and columns, for the portal's tables, and a transaction helper.
#ifndef GPAIKIT_PORTAL_SQLITE_STATEMENT_H_
#define GPAIKIT_PORTAL_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

// The prepared statements of one connection kept for reuse, by SQL text: preparing is a large
// part of a short statement's cost (docs/portal.md "Load figures"). A statement is lent to one
// SqlStatement at a time; the same SQL used twice at once gets a second statement. Finalises
// them all when destroyed, which must happen before the connection is closed. Not for pragmas
// that SQLite applies when preparing them (synchronous, journal_mode): a kept one does nothing.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache() {
    for (auto& [sql, idle] : idle_) {
      for (sqlite3_stmt* stmt : idle) sqlite3_finalize(stmt);
    }
  }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  sqlite3* db() const { return db_; }
  // A kept statement for `sql`, or a newly prepared one (nullptr and SQLite's code in `rc` when
  // it does not prepare).
  sqlite3_stmt* Lend(const char* sql, int& rc) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto found = idle_.find(sql);
      if (found != idle_.end() && !found->second.empty()) {
        sqlite3_stmt* stmt = found->second.back();
        found->second.pop_back();
        rc = SQLITE_OK;
        return stmt;
      }
    }
    sqlite3_stmt* stmt = nullptr;
    rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    return rc == SQLITE_OK ? stmt : (sqlite3_finalize(stmt), nullptr);
  }
  // Takes `stmt` back, reset and without bindings.
  void Return(const char* sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    std::lock_guard<std::mutex> lock(mutex_);
    idle_[sql].push_back(stmt);
  }

 private:
  sqlite3* db_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;
};

class SqlStatement {
 public:
  SqlStatement(sqlite3* db, const char* sql) : db_(db) {
    prepared_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  // Borrows the statement from `cache`, where it goes back when this is destroyed.
  SqlStatement(StatementCache& cache, const char* sql)
      : db_(cache.db()), cache_(&cache), sql_(sql) {
    stmt_ = cache.Lend(sql, prepared_);
  }
  ~SqlStatement() {
    if (cache_ != nullptr && stmt_ != nullptr) {
      cache_->Return(sql_, stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  SqlStatement(const SqlStatement&) = delete;
  SqlStatement& operator=(const SqlStatement&) = delete;

  SqlStatement& Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqlStatement& Bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  SqlStatement& BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return prepared_ == SQLITE_OK ? sqlite3_step(stmt_) : prepared_; }
  // One step: true when a row is ready, false when done; Io with the database file and
  // SQLite's message otherwise.
  Result<bool> Next() {
    int rc = Step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* file = sqlite3_db_filename(db_, "main");
    return Error(file != nullptr && *file != '\0' ? file : "statement");
  }
  // Runs a statement that returns no rows; Io with SQLite's message naming `what` on failure.
  Status Run(const std::string& what) {
    int rc = Step();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
    return Error(what);
  }
  Status Error(const std::string& what) const {
    return Status::Io(what + ": " + sqlite3_errmsg(db_));
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
  }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  StatementCache* cache_ = nullptr;
  const char* sql_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int prepared_;
};

// Runs `sql` (one or more statements without results); Io naming `what` on failure.
inline Status ExecuteSql(sqlite3* db, const std::string& sql, const std::string& what) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    return Status::Io(what + ": " + message);
  }
  return Status::Ok();
}

// Runs `body` in BEGIN IMMEDIATE ... COMMIT on the cache's connection (the three statements
// kept there), rolling back when `body` or COMMIT fails. The caller keeps one connection per
// thread (or serialises its use): SQLite transactions belong to a connection, not a thread.
inline Status SqlTransaction(StatementCache& cache, const std::function<Status()>& body) {
  if (Status begun = SqlStatement(cache, "BEGIN IMMEDIATE").Run("begin"); !begun.ok()) {
    return begun;
  }
  Status status = body();
  if (status.ok()) status = SqlStatement(cache, "COMMIT").Run("commit");
  if (!status.ok()) (void)SqlStatement(cache, "ROLLBACK").Run("rollback");
  return status;
}

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SQLITE_STATEMENT_H_

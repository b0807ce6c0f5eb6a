// A prepared SQLite statement that finalises itself, with typed binds and columns, for the
// portal's tables (mail queue, accounts, sessions), and a transaction helper.
#ifndef GPAIKIT_PORTAL_SQLITE_STATEMENT_H_
#define GPAIKIT_PORTAL_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

class SqlStatement {
 public:
  SqlStatement(sqlite3* db, const char* sql) : db_(db) {
    prepared_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~SqlStatement() { sqlite3_finalize(stmt_); }
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

// Runs `body` in BEGIN IMMEDIATE ... COMMIT on `db`, rolling back when `body` or COMMIT fails.
// The caller keeps one connection per thread (or serialises its use): SQLite transactions belong
// to a connection, not a thread.
inline Status SqlTransaction(sqlite3* db, const std::function<Status()>& body) {
  if (Status begun = ExecuteSql(db, "BEGIN IMMEDIATE", "begin"); !begun.ok()) return begun;
  Status status = body();
  if (status.ok()) status = ExecuteSql(db, "COMMIT", "commit");
  if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SQLITE_STATEMENT_H_

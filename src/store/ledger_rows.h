// Internal to the store module: a self-finalising prepared statement and the reading of ledger
// rows into entries, shared by the append and the verification code.
#ifndef GPAIKIT_SRC_STORE_LEDGER_ROWS_H_
#define GPAIKIT_SRC_STORE_LEDGER_ROWS_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "gpaikit/store/ledger.h"

namespace gpaikit::store::internal {

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
  // Ready to run again with new bindings.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

inline std::string Column(sqlite3_stmt* stmt, int index) {
  const unsigned char* text = sqlite3_column_text(stmt, index);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(stmt, index)))
              : std::string();
}

// The row of a statement that selects kSelect's columns.
inline Entry ReadEntry(sqlite3_stmt* stmt) {
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

inline constexpr const char* kSelect =
    "SELECT seq, kind, subject, author, time, content, previous_hash, hash FROM entries";

}  // namespace gpaikit::store::internal

#endif  // GPAIKIT_SRC_STORE_LEDGER_ROWS_H_

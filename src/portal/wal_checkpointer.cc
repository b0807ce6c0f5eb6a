// The portal database's checkpoints on a thread of their own (see wal_checkpointer.h).
#include "portal/wal_checkpointer.h"

#include <sqlite3.h>

#include <iostream>

namespace gpaikit::portal {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(sqlite3* writer,
                                                                const std::filesystem::path& path,
                                                                int frames) {
  sqlite3* own = nullptr;
  if (sqlite3_open_v2(path.c_str(), &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string message = path.string() + ": cannot open a connection for checkpoints: " +
                          (own ? sqlite3_errmsg(own) : "out of memory");
    sqlite3_close(own);
    return Status::Io(message);
  }
  // The checkpoint syncs the WAL before copying it and the database after, as the writer's
  // own checkpoints did (synchronous=FULL).
  char* error = nullptr;
  if (sqlite3_exec(own, "PRAGMA synchronous=FULL;", nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = path.string() + ": " + (error ? error : "SQLite error");
    sqlite3_free(error);
    sqlite3_close(own);
    return Status::Io(message);
  }
  std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer(writer, own, path, frames));
  WalCheckpointer* self = checkpointer.get();
  // No periodic round: a checkpoint is due only after commits, and each commit reports.
  self->thread_.Start([self] { return self->Round(); }, std::chrono::hours(24));
  // Replaces the writer's automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(writer, &WalCheckpointer::Committed, self);
  return checkpointer;
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, sqlite3* own, std::filesystem::path path,
                                 int frames)
    : writer_(writer), own_(own), path_(std::move(path)), frames_(frames) {}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  sqlite3_wal_autocheckpoint(writer_, frames_);
  thread_.Stop();
  sqlite3_close(own_);
}

int WalCheckpointer::Committed(void* self, sqlite3* db, const char* schema, int frames) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (checkpointer->tail_due_.exchange(false)) {
    // A round copied the WAL as it was when the round began; the frames committed while it ran
    // are copied here, in the writer's own commit, so that the checkpoint completes and the
    // writer's next transaction starts the WAL over. Rounds alone never complete while commits
    // go on, and the WAL grew by 110 MB in 6 s of intake.
    int log = 0;
    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc == SQLITE_OK) checkpointer->copied_ = copied < log ? copied : 0;
    return SQLITE_OK;
  }
  int copied = checkpointer->copied_.load();
  if (frames < copied) copied = 0;  // the WAL was started over since
  // Not at every commit while the WAL is long: each checkpoint syncs the WAL and the database
  // file, and a round per commit would double the fsyncs that commits wait behind.
  if (frames - copied >= checkpointer->frames_) checkpointer->thread_.Notify();
  return SQLITE_OK;
}

bool WalCheckpointer::Round() {
  // PASSIVE copies what no reader still needs and never waits for the writer; the rest is
  // copied by the writer's next commit (Committed).
  int log = 0;
  int copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_OK) {
    copied_ = copied;
    tail_due_ = true;
  } else if (rc != SQLITE_BUSY) {
    std::cerr << "gpaikit serve: " << path_.string() << ": checkpoint: " << sqlite3_errmsg(own_)
              << "\n";
  }
  ++rounds_;
  return false;
}

}  // namespace gpaikit::portal

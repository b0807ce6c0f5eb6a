// Checkpoints a WAL database from a thread of its own, so that the connection that commits
// (complaint intake's batch writer) does not copy the WAL back into the database inside one of
// its COMMITs (docs/portal.md "Storage").
#ifndef GPAIKIT_PORTAL_WAL_CHECKPOINTER_H_
#define GPAIKIT_PORTAL_WAL_CHECKPOINTER_H_

#include <atomic>
#include <filesystem>
#include <memory>

#include "gpaikit/base/status.h"
#include "portal/worker_thread.h"

struct sqlite3;

namespace gpaikit::portal {

class WalCheckpointer {
 public:
  // Takes over the automatic checkpoints of `writer` (a connection to the WAL database at
  // `path`): once a commit leaves `frames` or more frames in the WAL that no checkpoint has
  // copied yet, a thread with a connection of its own runs a PASSIVE checkpoint (which never
  // blocks the writer), and the writer's next commit copies only the frames committed
  // meanwhile, so that the checkpoint completes and the WAL starts over. Io naming the file
  // when the second connection cannot be opened.
  static Result<std::unique_ptr<WalCheckpointer>> Start(sqlite3* writer,
                                                        const std::filesystem::path& path,
                                                        int frames);
  // Stops the thread (a running checkpoint finishes) and gives `writer` its automatic
  // checkpoints back; call it before closing `writer`.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far (each copying what the WAL held when it began).
  int rounds() const { return rounds_.load(); }

 private:
  WalCheckpointer(sqlite3* writer, sqlite3* own, std::filesystem::path path, int frames);
  // SQLite's WAL hook on `writer`, called after each of its commits with the WAL's size (in
  // the committing thread, where SQLite's own automatic checkpoint runs too).
  static int Committed(void* self, sqlite3* db, const char* schema, int frames);
  // One checkpoint on the own connection; an error is logged, and the next commit tries again.
  bool Round();

  sqlite3* writer_;
  sqlite3* own_;
  std::filesystem::path path_;
  int frames_;
  std::atomic<int> rounds_{0};
  // The WAL frames the last checkpoint copied: until the writer restarts the WAL (its next
  // transaction after a complete checkpoint), the WAL's size counts these too.
  std::atomic<int> copied_{0};
  // Set by a round, taken by the writer's next commit, which copies the rest.
  std::atomic<bool> tail_due_{false};
  WorkerThread thread_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_WAL_CHECKPOINTER_H_

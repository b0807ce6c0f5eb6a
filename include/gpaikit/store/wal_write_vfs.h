// An SQLite VFS over the default one that hands each transaction's WAL frames to the kernel in
// one write instead of two per frame (docs/portal.md "Group commit", "WAL writes").
#ifndef GPAIKIT_STORE_WAL_WRITE_VFS_H_
#define GPAIKIT_STORE_WAL_WRITE_VFS_H_

#include <cstdint>

namespace gpaikit::store {

// The name to pass to sqlite3_open_v2 for a database whose commits should write their WAL
// frames at once; registered (not as the default) by the first call. nullptr when it could not
// be registered: SQLite's default VFS is then used, which writes the same bytes.
//
// SQLite writes a frame's 24-byte header and its page as two writes. Through this VFS the writes
// to a WAL file that follow one another in the file are gathered and written together when the
// transaction's commit frame is complete, and before anything else touches the file: a read, a
// sync, a truncation, its size, a file control, closing it, or a barrier or lock change of the
// database's shared memory (which other connections read the WAL by). A failed write is reported
// to SQLite by the call that made it, as without the VFS; one made at a barrier, which cannot
// report it, fails the WAL file's next call instead.
const char* WalWriteVfsName();

// Counters of the VFS, for tests and benchmarks: writes received for WAL files, and writes made.
struct WalWriteCounts {
  int64_t received = 0;
  int64_t written = 0;
};
WalWriteCounts WalWriteCountsNow();

}  // namespace gpaikit::store

#endif  // GPAIKIT_STORE_WAL_WRITE_VFS_H_

// The WAL-writing VFS (see wal_write_vfs.h): a shim over SQLite's default VFS whose WAL files
// gather the writes of a transaction and make them as one.
#include "gpaikit/store/wal_write_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <string>

namespace gpaikit::store {
namespace {

// Written at once beyond this many gathered bytes, commit frame or not (a large transaction).
constexpr size_t kMaxGathered = size_t{4} << 20;
// The most the unix VFS writes in one call: it masks the count with 0x1ffff (seekAndWrite in
// sqlite3.c), so longer gathered writes are made in pieces of this size.
constexpr size_t kMaxWrite = 0x1ffff;
// A WAL frame's header; its bytes 4-7 (the database size after a commit) are not zero only in
// the last frame of a transaction (sqlite.org/fileformat2.html, "WAL File Format").
constexpr int kFrameHeaderBytes = 24;

std::atomic<int64_t> received_writes{0};
std::atomic<int64_t> made_writes{0};
sqlite3_vfs* base_vfs = nullptr;
sqlite3_vfs wal_write_vfs;
sqlite3_io_methods methods[3];  // by the underlying file's iVersion, 1 to 3

struct File {
  sqlite3_file base;  // pMethods: one of `methods`
  sqlite3_file* real = nullptr;
  bool wal = false;
  File* wal_file = nullptr;  // for a database file: its open WAL file
  File* database = nullptr;  // for a WAL file: its database's file, when opened through us
  std::string gathered;      // writes not yet made, for the bytes from `gathered_at` on
  sqlite3_int64 gathered_at = 0;
  bool commit_frame = false;       // the last header gathered was a commit frame's
  int deferred_error = SQLITE_OK;  // a write made at a shared-memory barrier failed
};

constexpr size_t RealOffset() { return (sizeof(File) + 15) / 16 * 16; }

File* Of(sqlite3_file* file) { return reinterpret_cast<File*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Of(file)->real; }

bool Ours(const sqlite3_file* file) {
  return file != nullptr && (file->pMethods == &methods[0] || file->pMethods == &methods[1] ||
                             file->pMethods == &methods[2]);
}

// Makes the gathered writes; the error of the write, or one deferred from a barrier.
int Flush(File* file) {
  if (file->gathered.empty()) {
    int deferred = file->deferred_error;
    file->deferred_error = SQLITE_OK;
    return deferred;
  }
  int rc = SQLITE_OK;
  for (size_t done = 0; rc == SQLITE_OK && done < file->gathered.size(); done += kMaxWrite) {
    size_t piece = std::min(kMaxWrite, file->gathered.size() - done);
    rc = file->real->pMethods->xWrite(file->real, file->gathered.data() + done,
                                      static_cast<int>(piece),
                                      file->gathered_at + static_cast<sqlite3_int64>(done));
    ++made_writes;
  }
  file->gathered.clear();
  file->commit_frame = false;
  return rc;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  File* self = Of(file);
  if (!self->wal) return self->real->pMethods->xWrite(self->real, data, amount, offset);
  ++received_writes;
  if (!self->gathered.empty() &&
      offset != self->gathered_at + static_cast<sqlite3_int64>(self->gathered.size())) {
    if (int rc = Flush(self); rc != SQLITE_OK) return rc;
  }
  if (self->gathered.empty()) self->gathered_at = offset;
  const auto* bytes = static_cast<const unsigned char*>(data);
  self->gathered.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(amount));
  if (amount == kFrameHeaderBytes) {
    self->commit_frame = (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
    return SQLITE_OK;
  }
  // The page after a commit frame's header ends the transaction: its frames go out now, and a
  // failure fails the commit as it would without gathering.
  if (self->commit_frame || self->gathered.size() >= kMaxGathered) return Flush(self);
  return SQLITE_OK;
}

// For the calls below, what was gathered is written first.
int Read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xRead(Real(file), data, amount, offset);
}
int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xTruncate(Real(file), size);
}
int Sync(sqlite3_file* file, int flags) {
  if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xSync(Real(file), flags);
}
int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xFileSize(Real(file), size);
}
int FileControl(sqlite3_file* file, int op, void* arg) {
  if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}

// Other connections find the WAL's frames through the database's shared memory: before it
// changes, the frames it will name are written.
void FlushWalOf(sqlite3_file* database) {
  File* wal = Of(database)->wal_file;
  if (wal == nullptr || wal->gathered.empty()) return;
  int rc = Flush(wal);
  if (rc != SQLITE_OK) wal->deferred_error = rc;
}

int Close(sqlite3_file* file) {
  File* self = Of(file);
  int flushed = Flush(self);
  if (self->database != nullptr) self->database->wal_file = nullptr;
  if (self->wal_file != nullptr) self->wal_file->database = nullptr;
  int rc = self->real->pMethods->xClose(self->real);
  self->~File();
  return flushed != SQLITE_OK ? flushed : rc;
}

int Lock(sqlite3_file* file, int level) { return Real(file)->pMethods->xLock(Real(file), level); }
int Unlock(sqlite3_file* file, int level) {
  return Real(file)->pMethods->xUnlock(Real(file), level);
}
int CheckReservedLock(sqlite3_file* file, int* out) {
  return Real(file)->pMethods->xCheckReservedLock(Real(file), out);
}
int SectorSize(sqlite3_file* file) { return Real(file)->pMethods->xSectorSize(Real(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}
int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return Real(file)->pMethods->xShmMap(Real(file), region, size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  FlushWalOf(file);
  return Real(file)->pMethods->xShmLock(Real(file), offset, n, flags);
}
void ShmBarrier(sqlite3_file* file) {
  FlushWalOf(file);
  Real(file)->pMethods->xShmBarrier(Real(file));
}
int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return Real(file)->pMethods->xShmUnmap(Real(file), delete_flag);
}
int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  return Real(file)->pMethods->xFetch(Real(file), offset, amount, out);
}
int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return Real(file)->pMethods->xUnfetch(Real(file), offset, page);
}

int Open(sqlite3_vfs* /*vfs*/, sqlite3_filename name, sqlite3_file* file, int flags,
         int* out_flags) {
  File* self = new (file) File();
  self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + RealOffset());
  self->real->pMethods = nullptr;
  int rc = base_vfs->xOpen(base_vfs, name, self->real, flags, out_flags);
  int version = self->real->pMethods ? self->real->pMethods->iVersion : 0;
  if (rc != SQLITE_OK || version < 1) {
    if (self->real->pMethods != nullptr) self->real->pMethods->xClose(self->real);
    self->~File();
    file->pMethods = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  self->wal = (flags & SQLITE_OPEN_WAL) != 0;
  if (self->wal && name != nullptr) {
    sqlite3_file* database = sqlite3_database_file_object(name);
    if (Ours(database)) {
      self->database = Of(database);
      self->database->wal_file = self;
    }
  }
  file->pMethods = &methods[(version > 3 ? 3 : version) - 1];
  return SQLITE_OK;
}

void Register() {
  base_vfs = sqlite3_vfs_find(nullptr);
  if (base_vfs == nullptr) return;
  for (int version = 1; version <= 3; ++version) {
    sqlite3_io_methods& m = methods[version - 1];
    m = {version,
         Close,
         Read,
         Write,
         Truncate,
         Sync,
         FileSize,
         Lock,
         Unlock,
         CheckReservedLock,
         FileControl,
         SectorSize,
         DeviceCharacteristics,
         nullptr,
         nullptr,
         nullptr,
         nullptr,
         nullptr,
         nullptr};
    if (version >= 2) {
      m.xShmMap = ShmMap;
      m.xShmLock = ShmLock;
      m.xShmBarrier = ShmBarrier;
      m.xShmUnmap = ShmUnmap;
    }
    if (version >= 3) {
      m.xFetch = Fetch;
      m.xUnfetch = Unfetch;
    }
  }
  // Everything but opening a file is the default VFS's own.
  wal_write_vfs = *base_vfs;
  wal_write_vfs.pNext = nullptr;
  wal_write_vfs.zName = "gpaikit-wal-write";
  wal_write_vfs.szOsFile = static_cast<int>(RealOffset()) + base_vfs->szOsFile;
  wal_write_vfs.xOpen = Open;
  if (sqlite3_vfs_register(&wal_write_vfs, 0) != SQLITE_OK) base_vfs = nullptr;
}

}  // namespace

const char* WalWriteVfsName() {
  static std::once_flag once;
  std::call_once(once, Register);
  return base_vfs != nullptr ? wal_write_vfs.zName : nullptr;
}

WalWriteCounts WalWriteCountsNow() { return {received_writes.load(), made_writes.load()}; }

}  // namespace gpaikit::store

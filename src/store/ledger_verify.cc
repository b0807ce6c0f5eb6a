// Verification of the ledger: the whole chain and the head file (`gpaikit ledger verify`, the
// first append of a Ledger object), and the incremental check before later appends, which
// verifies what changed since the newest entry the object had verified (docs/ledger.md).
#include <sqlite3.h>

#include <algorithm>

#include "gpaikit/store/ledger.h"
#include "store/ledger_rows.h"

namespace gpaikit::store {
namespace {

using internal::kSelect;
using internal::ReadEntry;
using internal::Statement;

// Checks one entry against the one before it; "" when it follows the chain rule.
std::string ChainProblem(const Entry& entry, int64_t expected_seq, const std::string& previous) {
  if (entry.seq != expected_seq) {
    return "sequence number " + std::to_string(entry.seq) + " where " +
           std::to_string(expected_seq) + " was expected (an entry was removed or inserted)";
  }
  if (entry.previous_hash != previous) {
    return "previous-hash does not match the entry before it (removed, inserted or reordered)";
  }
  if (EntryHash(entry) != entry.hash)
    return "content does not match its hash (the entry was edited)";
  return "";
}

// Walks the rows of `select` (in rowid order) as the chain continuing after `seq`, `hash`;
// fills `result` with the first bad entry, or collects the hashes seen.
Status WalkChain(sqlite3* db, const std::string& path, Statement& select, int64_t seq,
                 std::string hash, Verification& result, std::vector<std::string>& hashes) {
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    Entry entry = ReadEntry(select.get());
    ++result.entries_checked;
    std::string problem = ChainProblem(entry, seq + 1, hash);
    if (!problem.empty()) {
      result.first_bad_seq = entry.seq;
      result.problem = "entry " + std::to_string(entry.seq) + ": " + problem;
      return Status::Ok();
    }
    seq = entry.seq;
    hash = entry.hash;
    hashes.push_back(entry.hash);
  }
  if (rc != SQLITE_DONE) return Status::Io(path + ": " + sqlite3_errmsg(db));
  return Status::Ok();
}

}  // namespace

void Ledger::CheckHead(int64_t last, const std::function<Result<std::string>(int64_t)>& hash_at,
                       Verification& result) const {
  Result<Head> head = ReadHead();
  if (head.ok()) {
    Result<std::string> hash =
        head->seq > last ? Result<std::string>(std::string()) : hash_at(head->seq);
    if (!hash.ok()) {
      result.problem = hash.status().message();
    } else if (head->seq > last || *hash != head->hash) {
      result.problem = head_path_.string() + " records entry " + std::to_string(head->seq) + " " +
                       head->hash + " but the database ends at entry " + std::to_string(last) +
                       " (newest entries removed, or the database replaced)";
    } else if (head->is_signed() && !head->SignatureValid()) {
      result.problem = head_path_.string() + ": the signature does not match the head (edited)";
    } else {
      result.head_behind = last - head->seq;
      result.signed_by = head->public_key;
    }
  } else if (head.status().code() != StatusCode::kNotFound) {
    result.problem = head.status().message();
  } else if (last > 0) {
    // The head file guards the newest entries: without it, removing them would go unnoticed.
    result.problem = head_path_.string() +
                     " is missing (removed, perhaps with the newest entries; or the very first "
                     "append was interrupted before writing it)";
  }
}

Result<Verification> Ledger::Verify(const std::string& expected_head) const {
  Statement select(db_, (std::string(kSelect) + " ORDER BY rowid").c_str());
  Verification result;
  std::vector<std::string> hashes;  // hashes[seq - 1]
  Status walked = WalkChain(db_, path_.string(), select, 0, "", result, hashes);
  if (!walked.ok()) return walked;
  if (!result.ok()) return result;
  if (!expected_head.empty() &&
      std::find(hashes.begin(), hashes.end(), expected_head) == hashes.end()) {
    result.problem = "the published head " + expected_head +
                     " is not an entry of this ledger (rolled back to before it, or the chain "
                     "was rewritten)";
    return result;
  }
  CheckHead(
      static_cast<int64_t>(hashes.size()),
      [&](int64_t seq) -> Result<std::string> { return hashes[static_cast<size_t>(seq - 1)]; },
      result);
  return result;
}

Result<Verification> Ledger::VerifySinceWatermark() const {
  const Watermark& mark = *verified_;
  Verification result;
  // The newest entry verified before: still there, with the hash it had and its content
  // matching it. Every entry before it is chained into that hash, so rewriting any of them
  // changes it; an edit that keeps the hashes breaks the chain, which a full Verify finds.
  std::vector<std::string> hashes;  // of the entries after the watermark, in order
  auto stored_hash = [&](int64_t seq) -> Result<std::string> {
    Result<Entry> entry = Get(seq);
    if (!entry.ok()) return entry.status();
    return entry->hash;
  };
  if (mark.seq > 0) {
    Result<Entry> entry = Get(mark.seq);
    if (!entry.ok()) {
      if (entry.status().code() != StatusCode::kNotFound) return entry.status();
      // Removed from the end: say so as a full Verify would, from the head file, when it can.
      Statement newest(db_, "SELECT COALESCE(MAX(seq), 0) FROM entries");
      int64_t last =
          sqlite3_step(newest.get()) == SQLITE_ROW ? sqlite3_column_int64(newest.get(), 0) : 0;
      if (last < mark.seq) CheckHead(last, stored_hash, result);
      if (result.problem.empty()) {
        result.first_bad_seq = mark.seq;
        result.problem = "entry " + std::to_string(mark.seq) +
                         ": verified earlier by this process, it is no longer there (entries "
                         "removed, or the database replaced)";
      }
      return result;
    }
    std::string problem;
    if (entry->hash != mark.hash) {
      problem =
          "its hash changed since this process verified it (the chain was rewritten, or "
          "the database replaced)";
    } else if (EntryHash(*entry) != entry->hash) {
      problem = "content does not match its hash (the entry was edited)";
    }
    if (!problem.empty()) {
      result.first_bad_seq = mark.seq;
      result.problem = "entry " + std::to_string(mark.seq) + ": " + problem;
      return result;
    }
  }
  Statement select(db_, (std::string(kSelect) + " WHERE rowid > ?1 ORDER BY rowid").c_str());
  select.Bind(1, mark.seq);
  Status walked = WalkChain(db_, path_.string(), select, mark.seq, mark.hash, result, hashes);
  if (!walked.ok()) return walked;
  if (!result.ok()) return result;
  int64_t last = mark.seq + static_cast<int64_t>(hashes.size());
  CheckHead(
      last,
      [&](int64_t seq) -> Result<std::string> {
        if (seq > mark.seq) return hashes[static_cast<size_t>(seq - mark.seq - 1)];
        return stored_hash(seq);
      },
      result);
  return result;
}

Status Ledger::CheckBeforeAppend() {
  // Appending to a tampered ledger would make the next verification pass (issue 14).
  Result<Verification> verified = verified_ ? VerifySinceWatermark() : Verify();
  if (!verified.ok()) return verified.status();
  if (!verified->ok()) {
    return Status::InvalidInput(path_.string() + " does not verify: " + verified->problem +
                                "\nnothing was written; see 'gpaikit ledger verify' and "
                                "docs/ledger.md");
  }
  return Status::Ok();
}

}  // namespace gpaikit::store

// The hash-chain rule every records entry follows (SHA-256 from base).
#include <chrono>
#include <cstdio>
#include <ctime>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::store {
namespace {

// Length-prefixed so that no two different field lists hash the same input.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out.append(field);
  out += '\n';
}

}  // namespace

std::string EntryHash(const Entry& entry) {
  std::string input = "gpaikit-records-v1\n";
  AppendField(input, std::to_string(entry.seq));
  AppendField(input, entry.kind);
  AppendField(input, entry.subject);
  AppendField(input, entry.author);
  AppendField(input, entry.time);
  AppendField(input, entry.content);
  AppendField(input, entry.previous_hash.empty() ? std::string(64, '0') : entry.previous_hash);
  return Sha256Hex(input);
}

std::string UtcNow() { return UtcTimestamp(std::time(nullptr)); }

}  // namespace gpaikit::store

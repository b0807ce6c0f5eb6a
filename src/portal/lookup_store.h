// The domain lookup's challenges in the portal database (docs/portal.md "Domain lookup"): each
// kept with the SHA-256 of its token, never the token, and an expiry; verification recorded.
#ifndef GPAIKIT_PORTAL_LOOKUP_STORE_H_
#define GPAIKIT_PORTAL_LOOKUP_STORE_H_

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "gpaikit/base/status.h"
#include "portal/portal_db.h"

namespace gpaikit::portal {

struct Challenge {
  std::string id;          // 32 random bytes, hex: names the challenge in the check form
  std::string domain;      // registrable domain
  std::string token_hash;  // SHA-256 of the token, hex
  std::string salt;        // random, hex: salts the domain's hash in ledger entries
  std::time_t created = 0;
  std::time_t expires = 0;
  std::optional<std::time_t> verified_at;
  std::string method;  // "well-known" or "dns-txt" once verified
  int64_t checks = 0;  // checks made so far
};

class LookupStore {
 public:
  // How long a challenge may be checked, and its answer seen once verified.
  static constexpr std::time_t kLifetimeSeconds = 24 * 3600;
  // Checks allowed per challenge (each costs a fetch or a DNS query).
  static constexpr int64_t kMaxChecks = 10;

  // Applies the "lookup" migrations to `db` (which must outlive the store).
  static Result<LookupStore> Open(const PortalDb& db);

  // Stores a new challenge for `domain` with `token_hash`; returns it with its id.
  Result<Challenge> Create(const std::string& domain, const std::string& token_hash,
                           std::time_t now) const;
  // The challenge `id` if it exists and has not expired at `now`; NotFound otherwise.
  Result<Challenge> Find(const std::string& id, std::time_t now) const;
  // Counts one check of `id`; InvalidInput when kMaxChecks were already made.
  Status CountCheck(const std::string& id) const;
  // Records that `id` was verified by `method` at `now`.
  Status MarkVerified(const std::string& id, const std::string& method, std::time_t now) const;
  // Deletes challenges that expired before `now`; returns how many.
  Result<int64_t> DeleteExpired(std::time_t now) const;

 private:
  explicit LookupStore(const PortalDb* db) : db_(db) {}
  const PortalDb* db_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_LOOKUP_STORE_H_

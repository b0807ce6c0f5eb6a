// Staff accounts of the portal's desk: names, roles (staff, admin), argon2id password hashes
// (libsodium crypto_pwhash_str), disabling; the login check with per-account lockout and
// per-address throttling (docs/portal-security.md, OWASP ASVS v4.0.3 V2).
#ifndef GPAIKIT_PORTAL_STAFF_ACCOUNTS_H_
#define GPAIKIT_PORTAL_STAFF_ACCOUNTS_H_

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

class PortalDb;

enum class Role { kStaff, kAdmin };
std::string RoleName(Role role);
// "staff" or "admin"; InvalidInput naming the value otherwise.
Result<Role> ParseRole(std::string_view name);

struct StaffUser {
  std::string name;
  Role role = Role::kStaff;
  std::string created_at;   // RFC 3339 UTC
  std::string disabled_at;  // "" while the account is usable
};

// The tables of component "staff" in the portal database (staff_users, login_failures,
// staff_sessions), in migration order.
const std::vector<std::string>& StaffMigrations();

// Ok for 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit;
// InvalidInput saying what is allowed otherwise.
Status CheckUserName(std::string_view name);
// Ok for kMinPasswordLength to kMaxPasswordLength Unicode characters of UTF-8 text; InvalidInput
// with the rule otherwise (ASVS 2.1.1, 2.1.2). The password is never part of a message.
Status CheckPassword(std::string_view password);
// `bytes` random bytes from the system's CSPRNG (libsodium), as lowercase hex.
std::string RandomHex(size_t bytes);
// The argon2id hash string of `password` (crypto_pwhash_str with the INTERACTIVE limits: 2
// passes over 64 MiB; docs/portal-security.md says why). Internal when out of memory.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash` (constant time inside libsodium).
bool VerifyPassword(const std::string& hash, std::string_view password);

enum class LoginResult {
  kOk,
  kBadCredentials,    // unknown name, wrong password or disabled account (one answer for all)
  kAccountLocked,     // too many failures for this account (kLockoutFailures)
  kAddressThrottled,  // too many failures from this address (kAddressFailures)
};

struct LoginOutcome {
  LoginResult result = LoginResult::kBadCredentials;
  StaffUser user;           // set for kOk
  int64_t retry_after = 0;  // seconds, for kAccountLocked and kAddressThrottled
};

class StaffAccounts {
 public:
  // Uses `db` (not owned; its lock serialises the threads), with StaffMigrations() applied as
  // component "staff".
  explicit StaffAccounts(const PortalDb& db) : db_(db) {}

  // Adds a user; InvalidInput when the name or password breaks the rules or the name is taken.
  Status Add(const std::string& name, Role role, std::string_view password, std::time_t now);
  Result<std::vector<StaffUser>> List() const;
  // The user called `name`; NotFound when there is none.
  Result<StaffUser> Get(const std::string& name) const;
  // Disables `name` and ends its sessions; NotFound when there is none, Ok when already disabled.
  Status Disable(const std::string& name, std::time_t now);

  // Checks a login attempt from `address`: throttled addresses and locked accounts are refused
  // before the password is looked at; a failure is recorded for both the account and the
  // address; success clears the account's failures. An unknown name costs the same hash
  // computation as a known one.
  Result<LoginOutcome> Login(const std::string& name, std::string_view password,
                             const std::string& address, std::time_t now);

 private:
  const PortalDb& db_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_STAFF_ACCOUNTS_H_

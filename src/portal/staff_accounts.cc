// Staff accounts, argon2id password hashes and the throttled login check (OWASP ASVS v4.0.3
// V2.1, V2.2, V2.4; docs/portal-security.md).
#include "portal/staff_accounts.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>

#include "gpaikit/base/civil_date.h"
#include "portal/mail_message.h"
#include "portal/portal_db.h"
#include "portal/security_policy.h"
#include "portal/site_state.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

void InitSodiumOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing here can be safe
  });
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

std::string RandomHex(size_t bytes) {
  InitSodiumOnce();
  std::string random(bytes, '\0');
  randombytes_buf(random.data(), random.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(random.data()),
                 random.size());
  hex.pop_back();
  return hex;
}

namespace {

// A hash that no password given to Login matches in practice, verified for unknown names so that
// they take as long as known ones (ASVS 2.2.1: no account enumeration through timing).
const std::string& DummyHash() {
  static const std::string hash = [] {
    Result<std::string> made = HashPassword(RandomHex(24) + "-unknown-user");
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

StaffUser ReadUser(const SqlStatement& select) {
  Result<Role> role = ParseRole(select.Text(1));
  return {select.Text(0), role.ok() ? *role : Role::kStaff, select.Text(2), select.Text(3)};
}

// Failed logins of `scope` ("account" or "address") for `key` since `since`, and the oldest and
// newest of them.
struct Failures {
  int64_t count = 0;
  int64_t oldest = 0;
  int64_t newest = 0;
};

Result<Failures> CountFailures(const PortalDb& db, const std::string& scope, const std::string& key,
                               int64_t since) {
  SqlStatement select(db.handle(),
                      "SELECT count(*), coalesce(min(at), 0), coalesce(max(at), 0) FROM"
                      " login_failures WHERE scope = ? AND key = ? AND at > ?");
  select.Bind(1, scope).Bind(2, key).Bind(3, since);
  Result<bool> row = select.Next();
  if (!row.ok()) return row.status();
  return Failures{select.Int(0), select.Int(1), select.Int(2)};
}

}  // namespace

std::string RoleName(Role role) { return role == Role::kAdmin ? "admin" : "staff"; }

Result<Role> ParseRole(std::string_view name) {
  if (name == "staff") return Role::kStaff;
  if (name == "admin") return Role::kAdmin;
  return Status::InvalidInput("role '" + std::string(name) + "': expected staff or admin");
}

const std::vector<std::string>& StaffMigrations() {
  static const std::vector<std::string> kMigrations = {
      R"sql(CREATE TABLE staff_users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE login_failures (
  scope TEXT NOT NULL CHECK (scope IN ('account', 'address', 'lock')),
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(scope, key, at);
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL REFERENCES staff_users(name),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions(user);)sql",
  };
  return kMigrations;
}

Status CheckUserName(std::string_view name) {
  bool ok =
      !name.empty() && name.size() <= 64 &&
      std::isalnum(static_cast<unsigned char>(name[0])) != 0 &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (ok) return Status::Ok();
  return Status::InvalidInput("user name '" + std::string(name) +
                              "': expected 1 to 64 characters of a-z, 0-9, '.', '_' and '-', "
                              "starting with a letter or digit");
}

Status CheckPassword(std::string_view password) {
  if (!IsUtf8(password)) return Status::InvalidInput("password: not UTF-8 text");
  size_t length = CodePoints(password);
  if (length < static_cast<size_t>(kMinPasswordLength) ||
      length > static_cast<size_t>(kMaxPasswordLength)) {
    return Status::InvalidInput("password: expected " + std::to_string(kMinPasswordLength) +
                                " to " + std::to_string(kMaxPasswordLength) + " characters, got " +
                                std::to_string(length));
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  InitSodiumOnce();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing: out of memory (argon2id needs 64 MiB)");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  InitSodiumOnce();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status StaffAccounts::Add(const std::string& name, Role role, std::string_view password,
                          std::time_t now) {
  if (Status status = CheckUserName(name); !status.ok()) return status;
  if (Status status = CheckPassword(password); !status.ok()) return status;
  Result<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return db_.Transaction([&]() -> Status {
    SqlStatement exists(db_.handle(), "SELECT 1 FROM staff_users WHERE name = ?");
    exists.Bind(1, name);
    Result<bool> found = exists.Next();
    if (!found.ok()) return found.status();
    if (*found) return Status::InvalidInput("user '" + name + "' exists already");
    SqlStatement insert(db_.handle(),
                        "INSERT INTO staff_users (name, role, password_hash, created_at)"
                        " VALUES (?, ?, ?, ?)");
    insert.Bind(1, name).Bind(2, RoleName(role)).Bind(3, *hash).Bind(4, UtcTimestamp(now));
    return insert.Run("staff tables");
  });
}

Result<std::vector<StaffUser>> StaffAccounts::List() const {
  std::vector<StaffUser> users;
  Status status = db_.Read([&]() -> Status {
    SqlStatement select(
        db_.handle(), "SELECT name, role, created_at, disabled_at FROM staff_users ORDER BY name");
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      users.push_back(ReadUser(select));
    }
  });
  if (!status.ok()) return status;
  return users;
}

Result<StaffUser> StaffAccounts::Get(const std::string& name) const {
  std::optional<StaffUser> user;
  Status status = db_.Read([&]() -> Status {
    SqlStatement select(
        db_.handle(), "SELECT name, role, created_at, disabled_at FROM staff_users WHERE name = ?");
    select.Bind(1, name);
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (*row) user = ReadUser(select);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (!user) return Status::NotFound("no staff user '" + name + "'");
  return *user;
}

Status StaffAccounts::Disable(const std::string& name, std::time_t now) {
  Result<StaffUser> user = Get(name);
  if (!user.ok()) return user.status();
  if (!user->disabled_at.empty()) return Status::Ok();
  return db_.Transaction([&]() -> Status {
    SqlStatement update(db_.handle(), "UPDATE staff_users SET disabled_at = ? WHERE name = ?");
    update.Bind(1, UtcTimestamp(now)).Bind(2, name);
    if (Status status = update.Run("staff tables"); !status.ok()) return status;
    SqlStatement end(db_.handle(), "DELETE FROM staff_sessions WHERE user = ?");
    end.Bind(1, name);
    return end.Run("staff tables");
  });
}

Result<LoginOutcome> StaffAccounts::Login(const std::string& name, std::string_view password,
                                          const std::string& address, std::time_t now) {
  const int64_t since = static_cast<int64_t>(now) - kLoginWindowSeconds;
  LoginOutcome outcome;
  std::string hash;
  std::optional<StaffUser> user;
  Status read = db_.Read([&]() -> Status {
    Result<Failures> by_address = CountFailures(db_, "address", address, since);
    if (!by_address.ok()) return by_address.status();
    if (by_address->count >= kAddressFailures) {
      outcome.result = LoginResult::kAddressThrottled;
      outcome.retry_after = by_address->oldest + kLoginWindowSeconds - now;
      return Status::Ok();
    }
    SqlStatement lock(db_.handle(),
                      "SELECT coalesce(max(at), 0) FROM login_failures WHERE scope = 'lock'"
                      " AND key = ?");
    lock.Bind(1, name);
    Result<bool> locked = lock.Next();
    if (!locked.ok()) return locked.status();
    if (now < lock.Int(0)) {
      outcome.result = LoginResult::kAccountLocked;
      outcome.retry_after = lock.Int(0) - now;
      return Status::Ok();
    }
    SqlStatement select(db_.handle(),
                        "SELECT name, role, created_at, disabled_at, password_hash FROM staff_users"
                        " WHERE name = ?");
    select.Bind(1, name);
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (*row) {
      user = ReadUser(select);
      hash = select.Text(4);
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  if (outcome.result == LoginResult::kAddressThrottled ||
      outcome.result == LoginResult::kAccountLocked) {
    return outcome;
  }
  // The hash is computed outside the database lock: 64 MiB and tens of milliseconds.
  bool matches = VerifyPassword(user ? hash : DummyHash(), password);
  bool ok = matches && user && user->disabled_at.empty();
  Status written = db_.Transaction([&]() -> Status {
    SqlStatement prune(db_.handle(), "DELETE FROM login_failures WHERE at <= ?");
    prune.Bind(1, since);
    if (Status status = prune.Run("staff tables"); !status.ok()) return status;
    if (ok) {
      SqlStatement clear(
          db_.handle(),
          "DELETE FROM login_failures WHERE scope IN ('account', 'lock') AND key = ?");
      clear.Bind(1, name);
      return clear.Run("staff tables");
    }
    for (const auto& [scope, key] :
         {std::pair<std::string, std::string>{"account", name}, {"address", address}}) {
      SqlStatement insert(db_.handle(),
                          "INSERT INTO login_failures (scope, key, at) VALUES (?, ?, ?)");
      insert.Bind(1, scope).Bind(2, key).Bind(3, static_cast<int64_t>(now));
      if (Status status = insert.Run("staff tables"); !status.ok()) return status;
    }
    // The failure that makes kLockoutFailures within the window locks the account; the lock is
    // its own row ("lock", at = its end), so that it lasts kLockoutSeconds from this failure.
    Result<Failures> by_account = CountFailures(db_, "account", name, since);
    if (!by_account.ok()) return by_account.status();
    if (by_account->count < kLockoutFailures) return Status::Ok();
    SqlStatement lock(db_.handle(),
                      "INSERT INTO login_failures (scope, key, at) VALUES ('lock', ?, ?)");
    lock.Bind(1, name).Bind(2, static_cast<int64_t>(now) + kLockoutSeconds);
    return lock.Run("staff tables");
  });
  if (!written.ok()) return written;
  outcome.result = ok ? LoginResult::kOk : LoginResult::kBadCredentials;
  if (ok) outcome.user = *user;
  return outcome;
}

}  // namespace gpaikit::portal

// The domain lookup's challenges in the portal database (see lookup_store.h).
#include "portal/lookup_store.h"

#include <sqlite3.h>

#include <optional>
#include <vector>

#include "portal/lookup_proof.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

// Component "lookup" of schema_migrations: statement i is version i + 1; the list only grows.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      "CREATE TABLE lookup_challenges ("
      " id TEXT PRIMARY KEY, domain TEXT NOT NULL, token_hash TEXT NOT NULL,"
      " salt TEXT NOT NULL, created INTEGER NOT NULL, expires INTEGER NOT NULL,"
      " verified_at INTEGER, method TEXT, checks INTEGER NOT NULL DEFAULT 0);"
      "CREATE INDEX lookup_challenges_expires ON lookup_challenges(expires);",
  };
  return kMigrations;
}

}  // namespace

Result<LookupStore> LookupStore::Open(const PortalDb& db) {
  Status migrated = db.Migrate("lookup", Migrations());
  if (!migrated.ok()) return migrated;
  return LookupStore(&db);
}

Result<Challenge> LookupStore::Create(const std::string& domain, const std::string& token_hash,
                                      std::time_t now) const {
  Result<std::string> id = NewChallengeToken();
  if (!id.ok()) return id.status();
  Result<std::string> salt = NewChallengeToken();
  if (!salt.ok()) return salt.status();
  Challenge challenge{*id, domain, token_hash, *salt, now, now + kLifetimeSeconds, {}, "", 0};
  Status stored = db_->Transaction([&] {
    SqlStatement insert(db_->handle(),
                        "INSERT INTO lookup_challenges (id, domain, token_hash, salt, created, "
                        "expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.Bind(1, challenge.id)
        .Bind(2, challenge.domain)
        .Bind(3, challenge.token_hash)
        .Bind(4, challenge.salt)
        .Bind(5, static_cast<int64_t>(challenge.created))
        .Bind(6, static_cast<int64_t>(challenge.expires));
    return insert.Run(db_->path().string() + ": storing a lookup challenge");
  });
  if (!stored.ok()) return stored;
  return challenge;
}

Result<Challenge> LookupStore::Find(const std::string& id, std::time_t now) const {
  std::optional<Challenge> found;
  Status read = db_->Read([&]() -> Status {
    SqlStatement select(db_->handle(),
                        "SELECT id, domain, token_hash, salt, created, expires, verified_at, "
                        "method, checks FROM lookup_challenges WHERE id = ?1 AND expires > ?2");
    select.Bind(1, id).Bind(2, static_cast<int64_t>(now));
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    Challenge c;
    c.id = select.Text(0);
    c.domain = select.Text(1);
    c.token_hash = select.Text(2);
    c.salt = select.Text(3);
    c.created = static_cast<std::time_t>(select.Int(4));
    c.expires = static_cast<std::time_t>(select.Int(5));
    if (!select.IsNull(6)) c.verified_at = static_cast<std::time_t>(select.Int(6));
    c.method = select.Text(7);
    c.checks = select.Int(8);
    found = std::move(c);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  if (!found) return Status::NotFound("no such challenge, or it has expired");
  return std::move(*found);
}

Status LookupStore::CountCheck(const std::string& id) const {
  bool counted = false;
  Status status = db_->Transaction([&]() -> Status {
    SqlStatement update(db_->handle(),
                        "UPDATE lookup_challenges SET checks = checks + 1 WHERE id = ?1 AND "
                        "checks < ?2");
    update.Bind(1, id).Bind(2, kMaxChecks);
    Status run = update.Run(db_->path().string() + ": counting a lookup check");
    counted = run.ok() && sqlite3_changes(db_->handle()) > 0;
    return run;
  });
  if (!status.ok()) return status;
  if (!counted) {
    return Status::InvalidInput("this challenge was checked " + std::to_string(kMaxChecks) +
                                " times; ask for a new one");
  }
  return Status::Ok();
}

Status LookupStore::MarkVerified(const std::string& id, const std::string& method,
                                 std::time_t now) const {
  return db_->Transaction([&] {
    SqlStatement update(db_->handle(),
                        "UPDATE lookup_challenges SET verified_at = ?2, method = ?3 WHERE id = ?1");
    update.Bind(1, id).Bind(2, static_cast<int64_t>(now)).Bind(3, method);
    return update.Run(db_->path().string() + ": recording a lookup verification");
  });
}

Result<int64_t> LookupStore::DeleteExpired(std::time_t now) const {
  int64_t deleted = 0;
  Status status = db_->Transaction([&]() -> Status {
    SqlStatement remove(db_->handle(), "DELETE FROM lookup_challenges WHERE expires <= ?1");
    remove.Bind(1, static_cast<int64_t>(now));
    Status run = remove.Run(db_->path().string() + ": deleting expired lookup challenges");
    if (run.ok()) deleted = sqlite3_changes(db_->handle());
    return run;
  });
  if (!status.ok()) return status;
  return deleted;
}

}  // namespace gpaikit::portal

// Staff sessions: random ids stored as hashes, timeouts, logout (OWASP ASVS v4.0.3 V3).
#include "portal/staff_sessions.h"

#include "gpaikit/base/sha256.h"
#include "portal/portal_db.h"
#include "portal/security_policy.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

bool IsSessionId(const std::string& id) {
  if (id.size() != static_cast<size_t>(kSessionIdBytes) * 2) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string SessionCookieName(bool secure) {
  return secure ? "__Host-gpaikit_session" : "gpaikit_session";
}

std::string SessionCookie(const std::string& id, bool secure) {
  return SessionCookieName(secure) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ExpiredSessionCookie(bool secure) {
  return SessionCookieName(secure) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

Result<std::string> StaffSessions::Create(const std::string& user, std::time_t now) {
  std::string id = RandomHex(kSessionIdBytes);
  Status status = db_.Transaction([&]() -> Status {
    // Sessions past their absolute end are removed as new ones are made.
    SqlStatement prune(db_.handle(), "DELETE FROM staff_sessions WHERE created_at <= ?");
    prune.Bind(1, static_cast<int64_t>(now) - kSessionAbsoluteSeconds);
    if (Status pruned = prune.Run("staff tables"); !pruned.ok()) return pruned;
    SqlStatement insert(db_.handle(),
                        "INSERT INTO staff_sessions (id_hash, user, created_at, last_seen_at)"
                        " VALUES (?, ?, ?, ?)");
    insert.Bind(1, Sha256Hex(id)).Bind(2, user).Bind(3, static_cast<int64_t>(now));
    insert.Bind(4, static_cast<int64_t>(now));
    return insert.Run("staff tables");
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<StaffSession>> StaffSessions::Find(const std::string& id, std::time_t now) {
  if (!IsSessionId(id)) return std::optional<StaffSession>();
  std::string id_hash = Sha256Hex(id);
  std::optional<StaffSession> session;
  bool expired = false;
  Status status = db_.Transaction([&]() -> Status {
    SqlStatement select(
        db_.handle(),
        "SELECT u.name, u.role, u.created_at, u.disabled_at, s.created_at,"
        " s.last_seen_at FROM staff_sessions s JOIN staff_users u ON u.name = s.user"
        " WHERE s.id_hash = ?");
    select.Bind(1, id_hash);
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    Result<Role> role = ParseRole(select.Text(1));
    StaffSession found{
        {select.Text(0), role.ok() ? *role : Role::kStaff, select.Text(2), select.Text(3)},
        id_hash,
        select.Int(4),
        select.Int(5)};
    expired = !found.user.disabled_at.empty() || now - found.last_seen_at >= kSessionIdleSeconds ||
              now - found.created_at >= kSessionAbsoluteSeconds;
    if (expired) {
      SqlStatement remove(db_.handle(), "DELETE FROM staff_sessions WHERE id_hash = ?");
      remove.Bind(1, id_hash);
      return remove.Run("staff tables");
    }
    SqlStatement touch(db_.handle(),
                       "UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?");
    touch.Bind(1, static_cast<int64_t>(now)).Bind(2, id_hash);
    found.last_seen_at = now;
    session = std::move(found);
    return touch.Run("staff tables");
  });
  if (!status.ok()) return status;
  return session;
}

Status StaffSessions::End(const std::string& id) {
  if (!IsSessionId(id)) return Status::Ok();
  return db_.Transaction([&]() -> Status {
    SqlStatement remove(db_.handle(), "DELETE FROM staff_sessions WHERE id_hash = ?");
    remove.Bind(1, Sha256Hex(id));
    return remove.Run("staff tables");
  });
}

}  // namespace gpaikit::portal

// Sessions of the desk's staff: 32 random bytes as the cookie's id, only its SHA-256 stored;
// idle and absolute timeouts; a new id at every login; logout and disabling end them (OWASP ASVS
// v4.0.3 V3; docs/portal-security.md).
#ifndef GPAIKIT_PORTAL_STAFF_SESSIONS_H_
#define GPAIKIT_PORTAL_STAFF_SESSIONS_H_

#include <ctime>
#include <optional>
#include <string>

#include "gpaikit/base/status.h"
#include "portal/staff_accounts.h"

namespace gpaikit::portal {

class PortalDb;

// The cookie's name: with Secure, the "__Host-" prefix (RFC 6265bis 4.1.3.2) binds it to this
// host and path "/" (ASVS 3.4.4).
std::string SessionCookieName(bool secure);
// The Set-Cookie value that gives the browser session `id`: Path=/, HttpOnly, SameSite=Strict,
// Secure when `secure` (behind TLS), no Max-Age (a browser session; the server times it out).
std::string SessionCookie(const std::string& id, bool secure);
// The Set-Cookie value that removes the session cookie (logout).
std::string ExpiredSessionCookie(bool secure);

struct StaffSession {
  StaffUser user;
  std::string id_hash;  // SHA-256 (hex) of the id: what the database keeps, and a CSRF binding
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

class StaffSessions {
 public:
  // Uses `db` (not owned; its lock serialises the threads), with StaffMigrations() applied.
  explicit StaffSessions(const PortalDb& db) : db_(db) {}

  // Starts a session for `user` and returns its id (64 hex digits of kSessionIdBytes random
  // bytes): only for the cookie, never stored. Each login calls this, so an id planted before
  // login is never the one that is logged in (ASVS 3.2.1).
  Result<std::string> Create(const std::string& user, std::time_t now);
  // The session of `id` when it exists, its user is enabled, it was used within
  // kSessionIdleSeconds and started within kSessionAbsoluteSeconds; its last use becomes `now`.
  // An expired session is deleted. std::nullopt for anything else, malformed ids included.
  Result<std::optional<StaffSession>> Find(const std::string& id, std::time_t now);
  // Ends the session of `id` (logout; ASVS 3.3.1). Ok when there is none.
  Status End(const std::string& id);

 private:
  const PortalDb& db_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_STAFF_SESSIONS_H_

// CSRF tokens for the portal's forms: HMAC-SHA256 under a server secret kept in the portal
// database, bound to a form name and a cookie value, with an expiry (docs/portal.md "CSRF").
#ifndef GPAIKIT_PORTAL_CSRF_H_
#define GPAIKIT_PORTAL_CSRF_H_

#include <ctime>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"
#include "portal/portal_db.h"

namespace gpaikit::portal {

// The cookie that carries the value tokens are bound to when there is no session: random,
// HttpOnly, SameSite=Strict, Path=/.
inline constexpr const char* kCsrfCookie = "gpaikit_csrf";
// The form field that carries the token.
inline constexpr const char* kCsrfField = "csrf_token";

class CsrfGuard {
 public:
  // How long an issued token is accepted: long enough to fill in a complaint.
  static constexpr std::time_t kDefaultLifetimeSeconds = 4 * 3600;

  // The guard with the secret of `db` (table portal_secrets, migration component "csrf"),
  // creating a random 32-byte secret on first use.
  static Result<CsrfGuard> Load(const PortalDb& db,
                                std::time_t lifetime_seconds = kDefaultLifetimeSeconds);
  // A guard with a given secret (tests; at least 32 bytes).
  CsrfGuard(std::string secret, std::time_t lifetime_seconds);

  // The token for `form` ("complaint", "login", ...) bound to `binding` (the CSRF cookie's value
  // or a session id): "EXPIRY.MAC", MAC the hex HMAC-SHA256 of
  // "gpaikit-csrf/1|form|binding|EXPIRY".
  std::string Issue(std::string_view form, std::string_view binding, std::time_t now) const;
  // Ok when `token` was issued for `form` and `binding` and has not expired; the MAC is
  // compared in constant time. InvalidInput saying what is wrong (missing, malformed, expired,
  // not valid for this form) otherwise: the caller answers 403.
  Status Check(std::string_view token, std::string_view form, std::string_view binding,
               std::time_t now) const;

  // A fresh random cookie value (32 bytes, hex).
  static std::string NewBinding();
  // The Set-Cookie value for the CSRF cookie holding `binding`.
  static std::string CookieHeader(const std::string& binding);

 private:
  std::string Mac(std::string_view form, std::string_view binding, std::time_t expiry) const;
  std::string secret_;
  std::time_t lifetime_;
};

// The value a form page binds its token to: the request's CSRF cookie when it is well-formed (64
// hex digits), else a new one, which is then set on `response` with Set-Cookie.
std::string CsrfBinding(const Request& request, Response& response);
// Ok when the request's csrf_token field is a valid token for `form` and the request's CSRF
// cookie; the InvalidInput message says what is wrong (the page answers 403 with it).
Status CheckCsrf(const CsrfGuard& guard, const Request& request, std::string_view form,
                 std::time_t now);

// Lowercase hex of `bytes`.
std::string HexOf(std::string_view bytes);
// `count` random bytes from the system's CSPRNG (libsodium).
std::string RandomBytes(size_t count);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CSRF_H_

// The staff desk's door: the login and logout pages and the session check in front of every
// page under /desk (OWASP ASVS v4.0.3 V2, V3, V4; docs/portal-security.md, docs/portal-desk.md).
#ifndef GPAIKIT_PORTAL_DESK_AUTH_H_
#define GPAIKIT_PORTAL_DESK_AUTH_H_

#include <ctime>
#include <optional>
#include <string>

#include "gpaikit/portal/request.h"
#include "portal/site_state.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {

// The name of the logout form, for its CSRF token (every desk page carries the form).
inline constexpr const char* kLogoutForm = "logout";

// True when the site is served over TLS (its base URL starts with https://, as behind the reverse
// proxy of deploy/nginx): the session cookie is then Secure and "__Host-" prefixed (ASVS 3.4.1).
bool SecureCookies(const std::string& base_url);

// The staff session of the request's cookie when it is valid now (it is touched: the idle
// timeout starts again), else std::nullopt.
Result<std::optional<StaffSession>> CurrentSession(const Site::State& state, const Request& request,
                                                   bool secure, std::time_t now);

// The CSRF token of desk form `form`, bound to the session (its id's hash), and its check.
std::string DeskFormToken(const Site::State& state, const StaffSession& session,
                          const std::string& form, std::time_t now);
Status CheckDeskForm(const Site::State& state, const StaffSession& session, const Request& request,
                     const std::string& form, std::time_t now);

// Where a login goes on to: "/desk/" + `next` for a desk page that asks for a recent login
// (export.csv, export.json), "/desk" for anything else (no open redirect).
std::string LoginTarget(const std::string& next);
// True when the session's password was entered within kRecentLoginSeconds (ASVS 3.7.1).
bool RecentLogin(const StaffSession& session, std::time_t now);

// GET /desk/login: the form (name, password, CSRF token bound to the CSRF cookie); with
// ?next=PAGE (LoginTarget) it says that the page needs the password again and goes on to it.
Response LoginPage(const Site::State& state, const Request& request, std::time_t now);
// POST /desk/login: CSRF check (403), throttling and lockout (429 with Retry-After), wrong
// name or password (403, one message for both), else a new session (any session the browser
// had is ended first) and 303 to LoginTarget(next) (/desk without one).
Response LoginSubmit(const Site::State& state, const Request& request, bool secure,
                     std::time_t now);
// POST /desk/logout: ends the session (CSRF token bound to it), removes the cookie, 303 to
// /desk/login.
Response LogoutSubmit(const Site::State& state, const Request& request, bool secure,
                      std::time_t now);
// What a request under /desk gets without a valid session: GET and HEAD are sent to the login
// page (303), anything else is refused (403) (ASVS 4.1.1).
Response WithoutSession(const Site::State& state, const Request& request);

// The headers every desk page carries: no caching of staff data (ASVS 8.2.1).
void AddDeskHeaders(Response& response);
// 303 See Other to `location` (a path on this site).
Response SeeOther(const std::string& location);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_AUTH_H_

// Login, logout and the session check of the staff desk (OWASP ASVS v4.0.3 V2.2, V3, V4.1).
#include "portal/desk_auth.h"

#include "portal/csrf.h"
#include "portal/security_policy.h"
#include "portal/staff_accounts.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kLoginForm = "login";

std::string SessionId(const Request& request, bool secure) {
  return request.Cookie(SessionCookieName(secure));
}

// Whole minutes, rounded up, for a message.
std::string Minutes(int64_t seconds) {
  int64_t minutes = (seconds + 59) / 60;
  return std::to_string(minutes < 1 ? 1 : minutes) + (minutes == 1 ? " minute" : " minutes");
}

// The desk pages a login may go on to: those that ask for a recent login.
constexpr const char* kRecentLoginPages[] = {"export.csv", "export.json"};

Response RenderLogin(const Site::State& state, const Request& request, std::time_t now, int status,
                     const std::string& message, const std::string& name, const std::string& next) {
  Response response{status, kHtml, "", {}};
  std::string binding = CsrfBinding(request, response);
  Data data = PageData(state, "Staff login");
  data.set("csrf_field", kCsrfField);
  data.set("csrf_token", state.csrf->Issue(kLoginForm, binding, now));
  if (!message.empty()) data.set("message", message);
  data.set("name", name);
  if (LoginTarget(next) != "/desk") {
    data.set("next", next);
    data.set("reauthenticate", "The page /desk/" + next +
                                   " holds the filers' personal data: enter your password "
                                   "again (your last login is older than " +
                                   Minutes(kRecentLoginSeconds) + ").");
  }
  Result<std::string> body = state.templates.Render("desk-login", std::move(data));
  if (!body.ok()) return InternalError(body.status());
  response.body = std::move(*body);
  AddDeskHeaders(response);
  return response;
}

}  // namespace

std::string LoginTarget(const std::string& next) {
  for (const char* page : kRecentLoginPages) {
    if (next == page) return std::string("/desk/") + page;
  }
  return "/desk";
}

bool RecentLogin(const StaffSession& session, std::time_t now) {
  return now - session.created_at <= kRecentLoginSeconds;
}

bool SecureCookies(const std::string& base_url) { return base_url.starts_with("https://"); }

void AddDeskHeaders(Response& response) {
  response.headers.emplace_back("Cache-Control", "no-store");
}

Response SeeOther(const std::string& location) {
  Response response{303, "text/plain; charset=utf-8", "See " + location + "\n", {}};
  response.headers.emplace_back("Location", location);
  AddDeskHeaders(response);
  return response;
}

Result<std::optional<StaffSession>> CurrentSession(const Site::State& state, const Request& request,
                                                   bool secure, std::time_t now) {
  std::string id = SessionId(request, secure);
  if (id.empty()) return std::optional<StaffSession>();
  return StaffSessions(*state.db).Find(id, now);
}

std::string DeskFormToken(const Site::State& state, const StaffSession& session,
                          const std::string& form, std::time_t now) {
  return state.csrf->Issue(form, session.id_hash, now);
}

Status CheckDeskForm(const Site::State& state, const StaffSession& session, const Request& request,
                     const std::string& form, std::time_t now) {
  return state.csrf->Check(request.Form(kCsrfField), form, session.id_hash, now);
}

Response LoginPage(const Site::State& state, const Request& request, std::time_t now) {
  return RenderLogin(state, request, now, 200, "", "", request.Query("next"));
}

Response LoginSubmit(const Site::State& state, const Request& request, bool secure,
                     std::time_t now) {
  if (Status csrf = CheckCsrf(*state.csrf, request, kLoginForm, now); !csrf.ok()) {
    Response response = ErrorPage(state, 403, "Forbidden", csrf.message());
    AddDeskHeaders(response);
    return response;
  }
  std::string name = request.Form("name");
  std::string next = request.Form("next");
  StaffAccounts accounts(*state.db);
  Result<LoginOutcome> outcome =
      accounts.Login(name, request.Form("password"), request.client_address, now);
  if (!outcome.ok()) return InternalError(outcome.status());
  switch (outcome->result) {
    case LoginResult::kAddressThrottled:
    case LoginResult::kAccountLocked: {
      // One message for both, naming no account state beyond "wait" (ASVS 2.2.1).
      Response response =
          RenderLogin(state, request, now, 429,
                      "Too many failed logins. Try again in " + Minutes(outcome->retry_after) + ".",
                      name, next);
      response.headers.emplace_back("Retry-After", std::to_string(outcome->retry_after));
      return response;
    }
    case LoginResult::kBadCredentials:
      return RenderLogin(state, request, now, 403, "The name or the password is wrong.", name,
                         next);
    case LoginResult::kOk:
      break;
  }
  StaffSessions sessions(*state.db);
  // A session the browser brought is ended, and a new id is made (ASVS 3.2.1, 3.3.1).
  if (Status ended = sessions.End(SessionId(request, secure)); !ended.ok()) {
    return InternalError(ended);
  }
  Result<std::string> id = sessions.Create(outcome->user.name, now);
  if (!id.ok()) return InternalError(id.status());
  Response response = SeeOther(LoginTarget(next));
  response.headers.emplace_back("Set-Cookie", SessionCookie(*id, secure));
  return response;
}

Response LogoutSubmit(const Site::State& state, const Request& request, bool secure,
                      std::time_t now) {
  Result<std::optional<StaffSession>> session = CurrentSession(state, request, secure, now);
  if (!session.ok()) return InternalError(session.status());
  if (!*session) return WithoutSession(state, request);
  if (Status csrf = CheckDeskForm(state, **session, request, kLogoutForm, now); !csrf.ok()) {
    Response response = ErrorPage(state, 403, "Forbidden", csrf.message());
    AddDeskHeaders(response);
    return response;
  }
  if (Status ended = StaffSessions(*state.db).End(SessionId(request, secure)); !ended.ok()) {
    return InternalError(ended);
  }
  Response response = SeeOther("/desk/login");
  response.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(secure));
  return response;
}

Response WithoutSession(const Site::State& state, const Request& request) {
  if (request.method == "GET" || request.method == "HEAD") return SeeOther("/desk/login");
  Response response = ErrorPage(state, 403, "Forbidden",
                                "This action needs a staff session: log in at /desk/login.");
  AddDeskHeaders(response);
  return response;
}

}  // namespace gpaikit::portal

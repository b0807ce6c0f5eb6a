// The staff desk's router (docs/portal-desk.md; OWASP ASVS v4.0.3 V4.1.1: every page under /desk
// but the login checks the session on the server) and the data its pages share.
#include "portal/desk_pages.h"

#include "portal/csrf.h"
#include "portal/desk_auth.h"
#include "portal/desk_cases.h"
#include "portal/desk_evidence.h"
#include "portal/desk_paths.h"
#include "portal/desk_reports.h"

namespace gpaikit::portal {

bool IsDeskPath(std::string_view path) { return path == "/desk" || path.starts_with("/desk/"); }

BodyKind DeskPostBody(std::string_view path) {
  if (path == "/desk/login" || path == "/desk/logout") return BodyKind::kForm;
  std::string tracking, action;
  if (ParseCasePath(path, tracking, action) && !action.empty() &&
      EvidenceHashOfAction(action).empty()) {
    return BodyKind::kForm;
  }
  return BodyKind::kNone;
}

Data DeskPageData(const Site::State& state, const StaffSession& session, const std::string& title,
                  std::time_t now) {
  Data data = PageData(state, title);
  data.set("user", session.user.name);
  data.set("role", RoleName(session.user.role));
  data.set("csrf_field", kCsrfField);
  data.set("logout_token", DeskFormToken(state, session, kLogoutForm, now));
  data.set("admin", session.user.role == Role::kAdmin);
  return data;
}

Response HandleDesk(const Site::State& state, const Request& request, const std::string& base_url) {
  const bool secure = SecureCookies(base_url);
  const std::time_t now = std::time(nullptr);
  const bool post = request.method == "POST";
  if (request.path == "/desk/login") {
    return post ? LoginSubmit(state, request, secure, now) : LoginPage(state, request, now);
  }
  if (request.path == "/desk/logout" && post) return LogoutSubmit(state, request, secure, now);
  Result<std::optional<StaffSession>> session = CurrentSession(state, request, secure, now);
  if (!session.ok()) return InternalError(session.status());
  if (!*session) return WithoutSession(state, request);
  const StaffSession& staff = **session;
  if (request.path == "/desk") return DeskQueue(state, staff, request, now);
  if (request.path == "/desk/logout") return SeeOther("/desk");
  if (request.path == "/desk/figures") return DeskFigures(state, staff, now);
  if (request.path == "/desk/export.csv") return DeskExport(state, staff, false, now);
  if (request.path == "/desk/export.json") return DeskExport(state, staff, true, now);
  std::string tracking, action;
  if (ParseCasePath(request.path, tracking, action)) {
    if (action.empty()) return DeskCase(state, staff, tracking, now);
    if (std::string hash = EvidenceHashOfAction(action); !hash.empty()) {
      return DeskEvidence(state, tracking, hash);
    }
    if (post) return DeskCaseAction(state, staff, request, tracking, action, now);
    return SeeOther("/desk/case/" + tracking);
  }
  Response response = ErrorPage(state, 404, "Not found", "There is no desk page at this address.");
  AddDeskHeaders(response);
  return response;
}

}  // namespace gpaikit::portal

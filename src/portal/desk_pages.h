// The staff desk's pages under /desk (docs/portal-desk.md): the router that puts the session
// check in front of them, and the data every desk page shares.
#ifndef GPAIKIT_PORTAL_DESK_PAGES_H_
#define GPAIKIT_PORTAL_DESK_PAGES_H_

#include <ctime>
#include <string>
#include <string_view>

#include "gpaikit/portal/request.h"
#include "portal/site_state.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {

// True for /desk and the paths under it.
bool IsDeskPath(std::string_view path);
// The body a POST to desk path `path` takes (kNone where POST is not allowed).
BodyKind DeskPostBody(std::string_view path);
// The response to a request for a desk path: /desk/login and /desk/logout, else the session
// check (WithoutSession) before the page.
Response HandleDesk(const Site::State& state, const Request& request, const std::string& base_url);

// PageData plus what the desk bar (desk-nav.mustache) shows: the user, the role, the logout
// form's token.
Data DeskPageData(const Site::State& state, const StaffSession& session, const std::string& title,
                  std::time_t now);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_PAGES_H_

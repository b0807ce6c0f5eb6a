// The desk's export (CSV per RFC 4180 with formula-safe cells, and JSON; admins only) and its
// figures page (median days to the first reply, open items per age), from the case store
// (docs/portal-desk.md).
#ifndef GPAIKIT_PORTAL_DESK_REPORTS_H_
#define GPAIKIT_PORTAL_DESK_REPORTS_H_

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/portal/request.h"
#include "portal/desk_figures.h"
#include "portal/site_state.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {

// GET /desk/export.csv and /desk/export.json: every case with its clocks, first reply and
// closing time, filer and details; 403 for a user who is not an admin (the export holds the
// filers' personal data).
Response DeskExport(const Site::State& state, const StaffSession& session, bool json,
                    std::time_t now);
// GET /desk/figures: the figures over all cases, and per kind.
Response DeskFigures(const Site::State& state, const StaffSession& session, std::time_t now);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_REPORTS_H_

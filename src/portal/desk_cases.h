// The desk's case work (docs/portal-desk.md): the queue with its clocks and filters, one case with
// its events, and the actions staff take on it: assign an owner, reply (by mail and on the
// status page), note, set aside as a duplicate or manifestly unfounded (a reason required),
// accept (with actions: blocklist entries and a corpus filter re-run), close, reopen (Code of
// Practice, Copyright, Measure 1.5; Transparency, Measure 1.2).
#ifndef GPAIKIT_PORTAL_DESK_CASES_H_
#define GPAIKIT_PORTAL_DESK_CASES_H_

#include <ctime>
#include <string>
#include <string_view>

#include "gpaikit/portal/request.h"
#include "portal/site_state.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {

// GET /desk: the queue, filtered by ?kind=complaint|request and ?show=open|all|STATE.
Response DeskQueue(const Site::State& state, const StaffSession& session, const Request& request,
                   std::time_t now);
// GET /desk/case/TRACKING: the case, its evidence and events, and the action forms.
Response DeskCase(const Site::State& state, const StaffSession& session,
                  const std::string& tracking, std::time_t now);
// POST /desk/case/TRACKING/ACTION (assign, reply, note, state, accept): CSRF token bound to the
// session (403), the action through the case store (each a ledger entry), then 303 back to the
// case; a refused action (no reason, empty reply) shows the case again with the message (400).
Response DeskCaseAction(const Site::State& state, const StaffSession& session,
                        const Request& request, const std::string& tracking,
                        const std::string& action, std::time_t now);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_CASES_H_

// The desk's "Accept with actions" on a complaint (docs/portal-desk.md; Code of Practice,
// Copyright, Measures 1.2 and 1.5): URLs or domains added to the project's blocklist, the case
// accepted, and the project's `corpus filter` job queued for the background worker.
#ifndef GPAIKIT_PORTAL_DESK_ACCEPT_H_
#define GPAIKIT_PORTAL_DESK_ACCEPT_H_

#include <ctime>
#include <string>

#include "gpaikit/portal/request.h"
#include "portal/case_store.h"
#include "portal/site_state.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {

// What the action did, for the case page.
struct AcceptOutcome {
  int status = 303;           // 303 done (back to the case), 200 done with a notice, 400 refused
  std::string message;        // the notice or the refusal, shown at the top of the page
  std::string entries_error;  // a refused entry, shown next to the field ("line N: ...")
  std::string entries, note;  // what was entered, kept in the form when refused
};

// POST /desk/case/TRACKING/accept (fields `entries`, `note`; the CSRF token is checked by the
// caller): refuses a request, a final case, an entry that is not a domain, '*.domain' or URL
// (with its line), or a project without copyright.blocklists. Otherwise appends the new entries
// to the first blocklist (WriteFileSynced; a comment line naming the case, the day and `actor`;
// entries already listed are not added again), records a "blocklist" event and a
// "portal.blocklist.add" ledger entry (the entries, the list's file, version and SHA-256 after
// the change), moves the case to "accepted" with the note as reason, and queues the project's
// filter job ("filter" event), or says that the project declares none.
AcceptOutcome AcceptWithActions(const Site::State& state, const Request& request,
                                const std::string& tracking, const std::string& actor,
                                std::time_t now);

// The case page's accept form and filter jobs: can_accept, blocklist_file, has_filter_job and
// filter_jobs (state, times, counts, manifest SHA-256, error). Fails only on a database error.
Status SetAcceptData(const Site::State& state, const Case& item, Data& data);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_ACCEPT_H_

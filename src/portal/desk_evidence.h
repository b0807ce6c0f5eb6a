// Evidence download at the staff desk (docs/portal-desk.md): a complaint's uploaded files, served
// to logged-in staff by their content hash, only for the case that names them.
#ifndef GPAIKIT_PORTAL_DESK_EVIDENCE_H_
#define GPAIKIT_PORTAL_DESK_EVIDENCE_H_

#include <string>
#include <string_view>

#include "gpaikit/portal/request.h"
#include "portal/site_state.h"

namespace gpaikit::portal {

// GET /desk/case/TRACKING/evidence/SHA256: the file's bytes with the media type detected at
// upload, `Content-Disposition: attachment` with a name made of the hash and the type's extension
// (never the client's name), nosniff (from the site's headers), a sandbox CSP and no-store. 404
// when the case does not name that file or the file is gone.
Response DeskEvidence(const Site::State& state, const std::string& tracking,
                      const std::string& sha256);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_EVIDENCE_H_

// The domain lookup's pages (docs/portal.md "Domain lookup"): the form, the challenge with its
// token, and the answer once control of the domain is proven (Code of Practice, Copyright,
// Measures 1.3 and 1.5).
#ifndef GPAIKIT_PORTAL_LOOKUP_PAGES_H_
#define GPAIKIT_PORTAL_LOOKUP_PAGES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/domain.h"
#include "gpaikit/portal/request.h"
#include "gpaikit/portal/site.h"
#include "portal/lookup_answer.h"
#include "portal/lookup_fetch.h"
#include "portal/lookup_store.h"
#include "portal/portal_db.h"
#include "portal/rate_limit.h"

namespace gpaikit::portal {

// What the lookup keeps while the site runs.
struct LookupService {
  std::shared_ptr<const optout::PublicSuffixList> suffixes;
  std::vector<LookupCorpus> corpora;
  std::unique_ptr<ProofSource> proofs;
  std::optional<LookupStore> store;
  // Challenges per client address and hour, and checks per client address and hour.
  RateLimit challenges{5, 3600};
  RateLimit checks{30, 3600};
};

// Loads the public suffix list, the corpora the project names and the challenge table.
Result<std::unique_ptr<LookupService>> LoadLookupService(const project::Project& project,
                                                         const PortalDb& db, FetchPolicy policy);

// GET /lookup (and GET /lookup/check): the form naming a domain.
Response LookupFormPage(const Site::State& state, const Request& request);
// POST /lookup: a challenge for the domain named, its token shown once (rate-limited per address).
Response LookupChallengePost(const Site::State& state, const Request& request);
// POST /lookup/check: the proof fetched and checked, then the answer; both recorded in the ledger.
Response LookupCheckPost(const Site::State& state, const Request& request);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_LOOKUP_PAGES_H_

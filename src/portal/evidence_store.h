// Evidence files of complaints, stored under .gpaikit/portal-uploads/ by the SHA-256 of their
// content (never by the client's name): staged before the case that names them commits, moved
// to their final name after it, and deleted when filing fails (docs/portal.md "Intake").
#ifndef GPAIKIT_PORTAL_EVIDENCE_STORE_H_
#define GPAIKIT_PORTAL_EVIDENCE_STORE_H_

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"
#include "portal/case_store.h"
#include "portal/portal_db.h"

namespace gpaikit::portal {

// <project_root>/.gpaikit/portal-uploads: the evidence files, each named by its SHA-256.
std::filesystem::path EvidenceFolder(const std::filesystem::path& project_root);
// EvidenceFolder/staging: files of filings not yet committed, named <sha256>.<random>.
std::filesystem::path EvidenceStagingFolder(const std::filesystem::path& project_root);

// One uploaded file of a filing in progress.
struct StagedEvidence {
  Evidence evidence;
  std::filesystem::path staged;  // empty when EvidenceFolder/<sha256> already held the bytes
};

// Checks `file` (CheckUploadName; a type DetectEvidenceType knows) and writes its bytes to a
// new file in the staging folder (fsync'd, the folder fsync'd), unless the final file with that
// hash exists already. InvalidInput saying what is wrong with the file, Io naming the path.
Result<StagedEvidence> StageEvidence(const std::filesystem::path& project_root,
                                     const UploadedFile& file);

// After the case naming `files` committed: moves each staged file to EvidenceFolder/<sha256>
// and fsyncs the folder. Io naming the path when a move fails (the staged file stays for
// ReconcileEvidence).
Status PromoteEvidence(const std::filesystem::path& project_root,
                       const std::vector<StagedEvidence>& files);

// After filing failed, at any step (the failure may come after the case committed, e.g. while
// writing its ledger entry): each staged file whose hash a committed case names is moved into
// place, the others are deleted. Io naming the path or the database when that fails (the
// staged files left are settled by ReconcileEvidence at the next start).
Status SettleFailedFiling(const std::filesystem::path& project_root, const PortalDb& db,
                          const std::vector<StagedEvidence>& files);

// At start, for what a crash left in the staging folder: a file whose hash a committed case
// names (case_evidence), whose content has that hash and whose final file is missing, is moved
// into place; a file whose final file exists is deleted; any other file is deleted once it is
// older than `grace_seconds` (younger ones may belong to a filing of a server still running).
// Returns how many files were moved into place.
Result<int> ReconcileEvidence(const std::filesystem::path& project_root, const PortalDb& db,
                              std::time_t now, std::time_t grace_seconds = 600);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_EVIDENCE_STORE_H_

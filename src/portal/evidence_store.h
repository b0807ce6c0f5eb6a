// Evidence files of complaints, stored under .gpaikit/portal-uploads/ by the SHA-256 of their
// content (never by the client's name), written durably before the case that names them commits.
#ifndef GPAIKIT_PORTAL_EVIDENCE_STORE_H_
#define GPAIKIT_PORTAL_EVIDENCE_STORE_H_

#include <filesystem>
#include <string>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"
#include "portal/case_store.h"

namespace gpaikit::portal {

// <project_root>/.gpaikit/portal-uploads.
std::filesystem::path EvidenceFolder(const std::filesystem::path& project_root);

// Checks `file` (CheckUploadName; a type DetectEvidenceType knows) and stores its bytes as
// EvidenceFolder/<sha256> (written to a temporary file, fsync'd, renamed, the folder fsync'd; a
// file already there with that hash is kept). InvalidInput saying what is wrong with the file,
// Io naming the path when writing fails.
Result<Evidence> StoreEvidence(const std::filesystem::path& project_root, const UploadedFile& file);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_EVIDENCE_STORE_H_

// Staff download of a case's evidence files from .gpaikit/portal-uploads/ (docs/portal-desk.md;
// OWASP ASVS v4.0.3 12.5.2: uploaded files are served as downloads, never rendered).
#include "portal/desk_evidence.h"

#include "gpaikit/base/files.h"
#include "portal/case_store.h"
#include "portal/desk_auth.h"
#include "portal/evidence_store.h"

namespace gpaikit::portal {
namespace {

// The extension of the download's name for the media types intake accepts (DetectEvidenceType).
std::string_view Extension(std::string_view media_type) {
  if (media_type == "application/pdf") return "pdf";
  if (media_type == "image/png") return "png";
  if (media_type == "image/jpeg") return "jpg";
  if (media_type == "text/plain") return "txt";
  return "bin";
}

Response NotFound(const Site::State& state, const std::string& tracking) {
  Response response = ErrorPage(state, 404, "Not found",
                                "Case " + tracking + " has no evidence file with that hash.");
  AddDeskHeaders(response);
  return response;
}

}  // namespace

Response DeskEvidence(const Site::State& state, const std::string& tracking,
                      const std::string& sha256) {
  Result<Case> found = state.cases->GetCase(tracking);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return NotFound(state, tracking);
    return InternalError(found.status());
  }
  for (const Evidence& file : found->evidence) {
    if (file.sha256 != sha256) continue;
    Result<std::string> bytes = ReadFile(EvidenceFolder(state.project.root) / sha256);
    if (!bytes.ok()) return NotFound(state, tracking);
    // The media type is the one detected from the content at upload, not the client's claim.
    Response response{200, file.media_type, std::move(*bytes), {}};
    std::string name = "attachment; filename=\"";
    name.append(tracking).append("-").append(sha256.substr(0, 16)).append(".");
    name.append(Extension(file.media_type)).append("\"");
    response.headers.emplace_back("Content-Disposition", std::move(name));
    response.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
    AddDeskHeaders(response);
    return response;
  }
  return NotFound(state, tracking);
}

}  // namespace gpaikit::portal

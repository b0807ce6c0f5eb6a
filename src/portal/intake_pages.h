// The intake pages: the complaint form (Code of Practice, Copyright, Measure 1.5), the
// downstream providers' request form (Transparency, Measure 1.2) and the status page behind a
// case's secret link (docs/portal.md "Intake").
#ifndef GPAIKIT_PORTAL_INTAKE_PAGES_H_
#define GPAIKIT_PORTAL_INTAKE_PAGES_H_

#include <ctime>
#include <kainjow/mustache.hpp>
#include <string>

#include "gpaikit/portal/request.h"
#include "portal/case_store.h"
#include "portal/site_state.h"

namespace gpaikit::portal {

// The CSRF form names of the two forms.
inline constexpr const char* kComplaintForm = "complaint";
inline constexpr const char* kRequestForm = "request";

// GET: the empty form with a CSRF token. POST: the CSRF token checked (403), the fields and the
// evidence checked (the form again with every error and the values typed, 400; a file name with
// a path, 400), the evidence stored by hash, the case filed (committed, ledger entry written),
// then the page with the tracking number and the status link.
Response ComplaintPage(const Site::State& state, const Request& request,
                       const std::string& base_url, std::time_t now);
Response RequestPage(const Site::State& state, const Request& request, const std::string& base_url,
                     std::time_t now);
// /status/TOKEN: the case whose status token is TOKEN, else 404 (the same page for a malformed
// and an unknown token).
Response StatusPage(const Site::State& state, const std::string& token, std::time_t now);

// The filer (name, organisation, e-mail), the form's details under their labels and the evidence
// files of `item`, as both the filer's status page and the desk's case page show them.
void SetFilerAndEvidence(kainjow::mustache::data& data, const Case& item);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_INTAKE_PAGES_H_

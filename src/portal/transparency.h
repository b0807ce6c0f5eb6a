// The published Safety and Security summaries served at /transparency (Code of Practice, Safety
// and Security, Measure 10.2): what the site loads once from the project's safety/ records.
#ifndef GPAIKIT_PORTAL_TRANSPARENCY_H_
#define GPAIKIT_PORTAL_TRANSPARENCY_H_

#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/project/project.h"

namespace gpaikit::portal {

// The published summary of the Framework or of one model's Model Report.
struct SafetySummary {
  struct Version {
    std::string version;
    std::string date;  // confirmed (Framework) or dated (Model Report), YYYY-MM-DD
    std::string changelog;
  };
  std::string heading;            // the Framework's title, or "Model Report: <model name>"
  std::string reference;          // public_summary as the project gives it
  std::string href;               // /transparency/N.txt for a file, else the https:// address
  std::string text;               // the file's text ("" for an address)
  std::vector<Version> versions;  // the document's versions and their updates, oldest first
};

// The Framework's summary first, then each Model Report's, for those whose public_summary is
// set; none when the project has no safety/ folder. Errors name the file and place
// (safety::LoadSafetyDocumentation).
Result<std::vector<SafetySummary>> LoadSafetySummaries(const project::Project& project);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_TRANSPARENCY_H_

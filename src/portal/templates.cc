// The portal's mustache template files (docs/portal.md "Templates"), loaded through the shared
// TemplateSet of base.
#include "portal/templates.h"

namespace gpaikit::portal {
namespace {

// Every template the portal renders; "header" and "footer" are partials of the HTML pages, and
// "desk-nav" the desk's bar.
TemplateSetSpec PortalSpec() {
  return {"portal template",
          {"header",
           "footer",
           "home",
           "crawlers",
           "summaries",
           "transparency",
           "error",
           "feed.atom",
           "complaint",
           "request",
           "filed",
           "status",
           "desk-login",
           "desk",
           "desk-nav",
           "desk-case",
           "desk-figures",
           "lookup",
           "lookup_challenge",
           "lookup_answer"},
          {"header", "footer", "desk-nav"},
          {"style.css"}};
}

}  // namespace

std::string TemplateFile(const std::string& name) { return TemplateFileName(name); }

Result<Templates> Templates::Load(const std::filesystem::path& folder) {
  Result<TemplateSet> set = TemplateSet::Load(folder, PortalSpec());
  if (!set.ok()) return set.status();
  Templates templates;
  templates.set_ = std::move(*set);
  return templates;
}

Result<std::string> Templates::Render(const std::string& name, Data data) const {
  return set_.Render(name, std::move(data));
}

}  // namespace gpaikit::portal

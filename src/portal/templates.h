// The portal's mustache template files (data/portal/templates/, or a provider's own folder):
// loaded and checked once, rendered with HTML escaping by default (kainjow mustache).
#ifndef GPAIKIT_PORTAL_TEMPLATES_H_
#define GPAIKIT_PORTAL_TEMPLATES_H_

#include <filesystem>
#include <string>

#include "gpaikit/base/status.h"
#include "gpaikit/base/template_set.h"

namespace gpaikit::portal {

using Data = TemplateData;

class Templates {
 public:
  // Reads every template the portal renders (kNames) and the stylesheet from `folder`; the
  // error names the file that is missing or whose mustache syntax is wrong, and why.
  static Result<Templates> Load(const std::filesystem::path& folder);
  // Renders template `name` ("home", "feed.atom", ...) with `data`; the partials "header",
  // "footer" and "desk-nav" are available to every template. Internal when rendering fails (a bug
  // or a broken partial), naming the template file.
  Result<std::string> Render(const std::string& name, Data data) const;
  const std::string& stylesheet() const { return set_.File("style.css"); }
  const std::filesystem::path& folder() const { return set_.folder(); }

 private:
  TemplateSet set_;
};

// The file name of template `name`: "<name>.mustache".
std::string TemplateFile(const std::string& name);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_TEMPLATES_H_

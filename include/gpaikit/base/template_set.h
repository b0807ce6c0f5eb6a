// A folder of mustache template files (kainjow mustache, HTML escaping by default) loaded and
// checked once, then rendered by name: the portal's pages and the HTML reports both use it, so
// that a provider brands either by pointing to a copy of the folder (docs/portal.md "Templates",
// docs/reports.md "HTML templates").
#ifndef GPAIKIT_BASE_TEMPLATE_SET_H_
#define GPAIKIT_BASE_TEMPLATE_SET_H_

#include <filesystem>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit {

using TemplateData = kainjow::mustache::data;

// What to read from a template folder.
struct TemplateSetSpec {
  std::string what;                    // for messages: "portal template", "report template"
  std::vector<std::string> templates;  // each read from "<name>.mustache" and parsed
  std::vector<std::string> partials;   // those of `templates` others include ({{> name}})
  std::vector<std::string> files;      // read as they are ("style.css"), not parsed
};

class TemplateSet {
 public:
  // Reads every template and file of `spec` from `folder`. InvalidInput naming the file that is
  // missing or unreadable ("FOLDER/NAME.mustache: no such file (report template)") or whose
  // mustache syntax is wrong, with the parser's message.
  static Result<TemplateSet> Load(const std::filesystem::path& folder, const TemplateSetSpec& spec);

  // Renders template `name` with `data`: every {{value}} escaped by `escape` (kainjow's HTML
  // escaping when null), every partial of the spec available to it and to the partials. Internal,
  // naming the template file, when `name` was not loaded or rendering fails. Safe to call from
  // several threads at once: each render uses a parsed template no other render is using (kept
  // for later renders, so a template is parsed once per concurrent use, not once per render).
  Result<std::string> Render(
      const std::string& name, TemplateData data,
      const std::function<std::string(const std::string&)>& escape = nullptr) const;
  // A file of the spec's `files`, as read ("" when not in the spec).
  const std::string& File(const std::string& name) const;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  struct Parsed;  // parsed templates not in use, by name; shared by copies of the set
  std::filesystem::path folder_;
  std::string what_;
  std::vector<std::string> partials_;             // those still named by a tag after inlining
  std::map<std::string, std::string> templates_;  // name -> template text
  std::map<std::string, std::string> files_;      // name -> contents
  std::shared_ptr<Parsed> parsed_;
};

// The file name of template `name`: "<name>.mustache".
std::string TemplateFileName(const std::string& name);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_TEMPLATE_SET_H_

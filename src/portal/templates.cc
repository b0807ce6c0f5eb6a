// Loads and renders the portal's mustache template files (docs/portal.md "Templates").
#include "portal/templates.h"

#include <array>

#include "gpaikit/base/files.h"

namespace gpaikit::portal {
namespace {

// Every template the portal renders; "header" and "footer" are partials of the HTML pages.
constexpr std::array<const char*, 20> kNames = {"header",
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
                                                "lookup_answer"};
// The templates that others include ({{> name}}): the page frame and the desk's bar.
constexpr std::array<const char*, 3> kPartials = {"header", "footer", "desk-nav"};

}  // namespace

std::string TemplateFile(const std::string& name) { return name + ".mustache"; }

Result<Templates> Templates::Load(const std::filesystem::path& folder) {
  Templates templates;
  templates.folder_ = folder;
  for (const char* name : kNames) {
    std::filesystem::path file = folder / TemplateFile(name);
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) {
      return Status::InvalidInput(file.string() + ": portal template: " + text.status().message());
    }
    kainjow::mustache::mustache parsed(*text);
    if (!parsed.is_valid()) {
      return Status::InvalidInput(file.string() +
                                  ": invalid mustache template: " + parsed.error_message());
    }
    templates.texts_[name] = std::move(*text);
  }
  std::filesystem::path css = folder / "style.css";
  Result<std::string> stylesheet = ReadFile(css);
  if (!stylesheet.ok()) {
    return Status::InvalidInput(css.string() +
                                ": portal stylesheet: " + stylesheet.status().message());
  }
  templates.stylesheet_ = std::move(*stylesheet);
  return templates;
}

Result<std::string> Templates::Render(const std::string& name, Data data) const {
  auto found = texts_.find(name);
  if (found == texts_.end()) {
    return Status::Internal("portal template '" + name + "' is not loaded");
  }
  for (const char* partial : kPartials) {
    const std::string& text = texts_.at(partial);
    data.set(partial, kainjow::mustache::partial([&text] { return text; }));
  }
  kainjow::mustache::mustache parsed(found->second);
  std::string out = parsed.render(data);
  if (!parsed.is_valid()) {
    return Status::Internal((folder_ / TemplateFile(name)).string() +
                            ": rendering failed: " + parsed.error_message());
  }
  // The templates' comment lines leave blank lines before <!DOCTYPE html>; none are kept.
  size_t start = out.find_first_not_of(" \t\r\n");
  return start == std::string::npos ? std::string() : out.substr(start);
}

}  // namespace gpaikit::portal

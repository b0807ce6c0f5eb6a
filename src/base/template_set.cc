// Loads a folder of mustache template files once and renders them by name (kainjow mustache).
#include "gpaikit/base/template_set.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "gpaikit/base/files.h"

namespace gpaikit {

using kainjow::mustache::mustache;

struct TemplateSet::Parsed {
  // A parsed `name` no render is using, or nullptr when there is none.
  std::unique_ptr<mustache> Take(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = idle.find(name);
    if (found == idle.end() || found->second.empty()) return nullptr;
    std::unique_ptr<mustache> parsed = std::move(found->second.back());
    found->second.pop_back();
    return parsed;
  }
  void Give(const std::string& name, std::unique_ptr<mustache> parsed) {
    std::lock_guard<std::mutex> lock(mutex);
    idle[name].push_back(std::move(parsed));
  }

  std::mutex mutex;
  std::map<std::string, std::vector<std::unique_ptr<mustache>>> idle;
};

std::string TemplateFileName(const std::string& name) { return name + ".mustache"; }

namespace {

// `text` with each {{> NAME}} of a partial in `partials` replaced by the partial's text, itself
// inlined, so that a page is parsed once instead of its partials at every render (kainjow parses
// a partial each time it renders one). A partial inside itself (`open` holds those being
// inlined) stays a tag, rendered from the data as before; so does any template that changes the
// delimiters ({{=), which would change how the text around it parses. `tags` gets the partials
// that may still be rendered from a tag (all of them for a text that changes the delimiters).
std::string Inlined(const std::string& text, const std::map<std::string, std::string>& partials,
                    std::vector<std::string>& open, std::set<std::string>& tags) {
  if (text.find("{{=") != std::string::npos) {
    for (const auto& [name, partial] : partials) tags.insert(name);
    return text;
  }
  std::string out;
  size_t done = 0;
  for (size_t tag = text.find("{{>"); tag != std::string::npos; tag = text.find("{{>", done)) {
    size_t close = text.find("}}", tag);
    if (close == std::string::npos) break;
    size_t begin = text.find_first_not_of(' ', tag + 3);
    size_t end = text.find_last_not_of(' ', close - 1) + 1;
    std::string name = begin < end ? text.substr(begin, end - begin) : "";
    out.append(text, done, close + 2 - done);
    done = close + 2;
    auto partial = partials.find(name);
    if (partial == partials.end() || partial->second.find("{{=") != std::string::npos ||
        std::find(open.begin(), open.end(), name) != open.end()) {
      tags.insert(name);  // kept as a tag
      continue;
    }
    out.resize(out.size() - (close + 2 - tag));
    open.push_back(name);
    out.append(Inlined(partial->second, partials, open, tags));
    open.pop_back();
  }
  out.append(text, done, std::string::npos);
  return out;
}

}  // namespace

Result<TemplateSet> TemplateSet::Load(const std::filesystem::path& folder,
                                      const TemplateSetSpec& spec) {
  TemplateSet set;
  set.parsed_ = std::make_shared<Parsed>();
  set.folder_ = folder;
  set.what_ = spec.what;
  for (const std::string& partial : spec.partials) {
    bool listed = false;
    for (const std::string& name : spec.templates) listed = listed || name == partial;
    if (!listed)
      return Status::Internal(spec.what + " partial '" + partial + "' is not a template");
  }
  set.partials_ = spec.partials;
  for (const std::string& name : spec.templates) {
    std::filesystem::path file = folder / TemplateFileName(name);
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) {
      // ReadFile's message names the file: "PATH: no such file (report template)".
      return Status::InvalidInput(text.status().message() + " (" + spec.what + ")");
    }
    kainjow::mustache::mustache parsed(*text);
    if (!parsed.is_valid()) {
      return Status::InvalidInput(file.string() +
                                  ": invalid mustache template: " + parsed.error_message());
    }
    set.templates_[name] = std::move(*text);
  }
  std::map<std::string, std::string> partials;
  for (const std::string& name : spec.partials) partials[name] = set.templates_[name];
  std::set<std::string> tags;
  for (auto& [name, text] : set.templates_) {
    std::vector<std::string> open = {name};
    text = Inlined(text, partials, open, tags);
  }
  // Only the partials still named by a tag are handed to each render.
  std::erase_if(set.partials_, [&tags](const std::string& name) { return !tags.contains(name); });
  for (const std::string& name : spec.files) {
    std::filesystem::path file = folder / name;
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) {
      // ReadFile's message names the file: "PATH: no such file (report template)".
      return Status::InvalidInput(text.status().message() + " (" + spec.what + ")");
    }
    set.files_[name] = std::move(*text);
  }
  return set;
}

Result<std::string> TemplateSet::Render(
    const std::string& name, TemplateData data,
    const std::function<std::string(const std::string&)>& escape) const {
  auto found = templates_.find(name);
  if (found == templates_.end()) {
    return Status::Internal(what_ + " '" + name + "' is not loaded");
  }
  for (const std::string& partial : partials_) {
    const std::string& text = templates_.at(partial);
    data.set(partial, kainjow::mustache::partial([&text] { return text; }));
  }
  std::unique_ptr<mustache> parsed = parsed_->Take(name);
  if (!parsed) parsed = std::make_unique<mustache>(found->second);  // valid: Load checked it
  parsed->set_custom_escape(escape ? escape : kainjow::mustache::html_escape<std::string>);
  std::string out = parsed->render(data);
  if (!parsed->is_valid()) {  // keeps its error: not kept for another render
    return Status::Internal((folder_ / TemplateFileName(name)).string() +
                            ": rendering failed: " + parsed->error_message());
  }
  parsed_->Give(name, std::move(parsed));
  // The templates' comment lines leave blank lines before the first tag; none are kept.
  size_t start = out.find_first_not_of(" \t\r\n");
  return start == std::string::npos ? std::string() : out.substr(start);
}

const std::string& TemplateSet::File(const std::string& name) const {
  static const std::string kNone;
  auto found = files_.find(name);
  return found == files_.end() ? kNone : found->second;
}

}  // namespace gpaikit
